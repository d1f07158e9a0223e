import { NeuriteError, argMax, cast, equal, greater, mean, type Tensor, type TensorLike } from '@neurite/tensor';
import { argumentError, checkConfig } from '../losses/argument-checks.js';
import { matchedPair, toFloat, toTensor } from '../losses/shapes.js';
import { sparseLabels } from '../losses/sparse-labels.js';
import { MeanMetric, type MetricArgs } from './metric-base.js';

/** 1 where a and b are equal, else 0, averaged over the last axis (a sample counts by its share of matches). */
function matchRate(a: Tensor, b: Tensor): Tensor {
  return mean(cast(equal(a, b), 'float32'), { axis: -1 });
}

/** The fraction of predictions exactly equal to their labels. */
export class Accuracy extends MeanMetric {
  constructor(args?: MetricArgs) {
    super('Accuracy', 'accuracy', checkConfig('Accuracy', args, ['name']));
  }

  samplewise(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike): Tensor {
    const [t, p] = matchedPair(this.className, yTrue, yPred);
    return matchRate(t, p);
  }
}

/** Options of BinaryAccuracy. */
export interface BinaryAccuracyArgs extends MetricArgs {
  /** A prediction above it counts as 1; 0.5 by default (use 0 for logits). */
  threshold?: number;
}

/** The fraction of 0/1 labels matched by predictions thresholded at `threshold` (strictly above: 1). */
export class BinaryAccuracy extends MeanMetric {
  readonly threshold: number;

  constructor(args?: BinaryAccuracyArgs) {
    const config = checkConfig('BinaryAccuracy', args, ['name', 'threshold']);
    super('BinaryAccuracy', 'binary_accuracy', config);
    const { threshold = 0.5 } = config;
    if (typeof threshold !== 'number' || !Number.isFinite(threshold)) throw argumentError('BinaryAccuracy', 'threshold', 'a finite number', threshold);
    this.threshold = threshold;
  }

  samplewise(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike): Tensor {
    const [t, p] = matchedPair(this.className, yTrue, yPred);
    return matchRate(t, cast(greater(p, this.threshold), 'float32'));
  }

  protected override ownConfig(): Record<string, unknown> {
    return { threshold: this.threshold };
  }
}

/** The fraction of samples whose predicted class (argmax of yPred) is the one-hot label's class. */
export class CategoricalAccuracy extends MeanMetric {
  constructor(args?: MetricArgs) {
    super('CategoricalAccuracy', 'categorical_accuracy', checkConfig('CategoricalAccuracy', args, ['name']));
  }

  samplewise(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike): Tensor {
    const [t, p] = matchedPair(this.className, yTrue, yPred, { expandRank1: false, hint: sparseAccuracyHint });
    return cast(equal(argMax(t, { axis: -1 }), argMax(p, { axis: -1 })), 'float32');
  }
}

function sparseAccuracyHint(yTrue: Tensor, yPred: Tensor): string {
  const labelsLike = yTrue.rank < yPred.rank || (yTrue.shape[yTrue.rank - 1] === 1 && yPred.shape[yPred.rank - 1] > 1);
  return labelsLike ? ' (for integer class labels use SparseCategoricalAccuracy)' : '';
}

/** yPred as float32 with a class axis, else an error naming the metric. */
export function classScores(owner: string, yPred: Tensor | TensorLike): Tensor {
  const p = toFloat(owner, 'yPred', toTensor(owner, 'yPred', yPred));
  if (p.rank === 0) throw new NeuriteError(`${owner}: yPred must have a class axis (rank >= 1). Received: yPred.shape=[]`);
  return p;
}

/** The fraction of samples whose predicted class (argmax of yPred) equals the integer label. */
export class SparseCategoricalAccuracy extends MeanMetric {
  constructor(args?: MetricArgs) {
    super('SparseCategoricalAccuracy', 'sparse_categorical_accuracy', checkConfig('SparseCategoricalAccuracy', args, ['name']));
  }

  samplewise(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike): Tensor {
    const p = classScores(this.className, yPred);
    const labels = sparseLabels(this.className, yTrue, p);
    return cast(equal(labels, argMax(p, { axis: -1 })), 'float32');
  }
}
