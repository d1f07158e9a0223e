import { NeuriteError, add, cast, mul, notEqual, oneHot, where, type Tensor, type TensorLike } from '@neurite/tensor';
import { checkBoolean, checkConfig, checkInteger, checkNumberInRange } from './argument-checks.js';
import { binaryCrossentropy, categoricalCrossentropy } from './crossentropy-math.js';
import { Loss, type LossArgs, type PerSampleLosses } from './loss-base.js';
import { matchedPair, toFloat, toTensor } from './shapes.js';
import { sparseLabels } from './sparse-labels.js';

const BASE_KEYS = ['name', 'reduction'] as const;

/** Options of the binary and categorical crossentropies. */
export interface CrossentropyArgs extends LossArgs {
  /** yPred holds logits (unbounded scores) rather than probabilities; false by default. */
  fromLogits?: boolean;
  /** Moves labels toward uniform: z·(1 - s) + s/numClasses (binary: s/2); 0 by default. */
  labelSmoothing?: number;
  /** The class axis; -1 by default. */
  axis?: number;
}

/** Reads the shared crossentropy options with Keras's defaults. */
function readCrossentropyArgs(owner: string, args: CrossentropyArgs | undefined) {
  const config = checkConfig(owner, args, [...BASE_KEYS, 'fromLogits', 'labelSmoothing', 'axis']);
  return {
    config,
    fromLogits: config.fromLogits === undefined ? false : checkBoolean(owner, 'fromLogits', config.fromLogits),
    labelSmoothing: config.labelSmoothing === undefined ? 0 : checkNumberInRange(owner, 'labelSmoothing', config.labelSmoothing, 0, 1),
    axis: config.axis === undefined ? -1 : checkInteger(owner, 'axis', config.axis),
  };
}

/** The class axis as a non-negative index, else an error naming the loss. */
function resolveAxis(owner: string, axis: number, rank: number): number {
  if (axis < -rank || axis >= rank) {
    throw new NeuriteError(`${owner}: axis must be in [${-rank}, ${rank}) for yPred of rank ${rank}. Received: axis=${axis}`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Crossentropy of 0/1 labels (or soft labels in [0, 1]) and predicted probabilities or logits, mean over the last axis. */
export class BinaryCrossentropy extends Loss {
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(args?: CrossentropyArgs) {
    const { config, fromLogits, labelSmoothing, axis } = readCrossentropyArgs('BinaryCrossentropy', args);
    super('BinaryCrossentropy', 'binary_crossentropy', config);
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
    this.axis = axis;
  }

  protected computePerSample(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike): PerSampleLosses {
    const [t, p] = matchedPair(this.className, yTrue, yPred);
    const s = this.labelSmoothing;
    const z = s === 0 ? t : add(mul(t, 1 - s), 0.5 * s);
    return { losses: binaryCrossentropy(z, p, this.fromLogits, resolveAxis(this.className, this.axis, p.rank)) };
  }

  protected override ownConfig(): Record<string, unknown> {
    return { fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, axis: this.axis };
  }
}

/** Crossentropy of one-hot (or soft) labels and a predicted distribution over the class axis. */
export class CategoricalCrossentropy extends Loss {
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(args?: CrossentropyArgs) {
    const { config, fromLogits, labelSmoothing, axis } = readCrossentropyArgs('CategoricalCrossentropy', args);
    super('CategoricalCrossentropy', 'categorical_crossentropy', config);
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
    this.axis = axis;
  }

  protected computePerSample(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike): PerSampleLosses {
    const [t, p] = matchedPair(this.className, yTrue, yPred, { expandRank1: false, hint: sparseHint });
    const axis = resolveAxis(this.className, this.axis, p.rank);
    const s = this.labelSmoothing;
    const z = s === 0 ? t : add(mul(t, 1 - s), s / p.shape[axis]);
    return { losses: categoricalCrossentropy(z, p, this.fromLogits, axis) };
  }

  protected override ownConfig(): Record<string, unknown> {
    return { fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, axis: this.axis };
  }
}

/** Integer labels given to a categorical loss are the usual mistake: say which loss takes them. */
function sparseHint(yTrue: Tensor, yPred: Tensor): string {
  const labelsLike = yTrue.rank < yPred.rank || (yTrue.shape[yTrue.rank - 1] === 1 && yPred.shape[yPred.rank - 1] > 1);
  return labelsLike ? ' (for integer class labels use SparseCategoricalCrossentropy)' : '';
}

/** Options of SparseCategoricalCrossentropy. */
export interface SparseCategoricalCrossentropyArgs extends LossArgs {
  /** yPred holds logits rather than probabilities; false by default. */
  fromLogits?: boolean;
  /** A label value whose samples count neither in the loss nor in the batch size (e.g. padding); none by default. */
  ignoreClass?: number | null;
}

/** Crossentropy of integer class labels (shape [batch] or [batch, 1]) and a predicted distribution over the last axis. */
export class SparseCategoricalCrossentropy extends Loss {
  readonly fromLogits: boolean;
  readonly ignoreClass: number | null;

  constructor(args?: SparseCategoricalCrossentropyArgs) {
    const owner = 'SparseCategoricalCrossentropy';
    const config = checkConfig(owner, args, [...BASE_KEYS, 'fromLogits', 'ignoreClass']);
    super(owner, 'sparse_categorical_crossentropy', config);
    this.fromLogits = config.fromLogits === undefined ? false : checkBoolean(owner, 'fromLogits', config.fromLogits);
    this.ignoreClass = config.ignoreClass == null ? null : checkInteger(owner, 'ignoreClass', config.ignoreClass);
  }

  protected computePerSample(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike): PerSampleLosses {
    const p = toFloat(this.className, 'yPred', toTensor(this.className, 'yPred', yPred));
    if (p.rank === 0) {
      throw new NeuriteError(`${this.className}: yPred must have a class axis (rank >= 1). Received: yPred.shape=[]`);
    }
    const ignore = this.ignoreClass ?? undefined;
    const labels = sparseLabels(this.className, yTrue, p, ignore);
    const numClasses = p.shape[p.rank - 1];
    if (ignore === undefined) {
      return { losses: categoricalCrossentropy(oneHot(labels, numClasses), p, this.fromLogits, -1) };
    }
    // Ignored samples get label 0 for the arithmetic, then a zero loss and no weight in the mean.
    const keep = notEqual(labels, ignore);
    const safeLabels = where(keep, labels, 0);
    const losses = categoricalCrossentropy(oneHot(safeLabels, numClasses), p, this.fromLogits, -1);
    return { losses: where(keep, losses, 0), mask: cast(keep, 'float32') };
  }

  protected override ownConfig(): Record<string, unknown> {
    return { fromLogits: this.fromLogits, ignoreClass: this.ignoreClass };
  }
}
