import { argMax, cast, greater, less, oneHot, sum, where, type Tensor, type TensorLike } from '@neurite/tensor';
import { checkConfig, checkInteger } from '../losses/argument-checks.js';
import { matchedPair } from '../losses/shapes.js';
import { sparseLabels } from '../losses/sparse-labels.js';
import { classScores } from './accuracy.js';
import { MeanMetric, type MetricArgs } from './metric-base.js';

/** Options of the top-k accuracies. */
export interface TopKArgs extends MetricArgs {
  /** How many of the highest-scored classes count as a hit; 5 by default. */
  k?: number;
}

/**
 * 1 where the label's class is among the k highest scores, else 0. As TensorFlow's in_top_k, ties at the
 * boundary count as hits: the label's class is in when fewer than k classes score strictly higher.
 */
function inTopK(labels: Tensor, scores: Tensor, k: number): Tensor {
  const isLabel = greater(oneHot(labels, scores.shape[scores.rank - 1]), 0);
  const labelScore = sum(where(isLabel, scores, 0), { axis: -1, keepDims: true });
  const higher = sum(cast(greater(scores, labelScore), 'float32'), { axis: -1 });
  return cast(less(higher, k), 'float32');
}

function readK(owner: string, args: TopKArgs | undefined): { config: Partial<TopKArgs>; k: number } {
  const config = checkConfig(owner, args, ['name', 'k']);
  return { config, k: config.k === undefined ? 5 : checkInteger(owner, 'k', config.k, 1) };
}

/** The fraction of samples whose one-hot label's class is among the k highest-scored classes. */
export class TopKCategoricalAccuracy extends MeanMetric {
  readonly k: number;

  constructor(args?: TopKArgs) {
    const { config, k } = readK('TopKCategoricalAccuracy', args);
    super('TopKCategoricalAccuracy', 'top_k_categorical_accuracy', config);
    this.k = k;
  }

  samplewise(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike): Tensor {
    const [t, p] = matchedPair(this.className, yTrue, yPred, { expandRank1: false });
    return inTopK(argMax(t, { axis: -1 }), p, this.k);
  }

  protected override ownConfig(): Record<string, unknown> {
    return { k: this.k };
  }
}

/** The fraction of samples whose integer label is among the k highest-scored classes. */
export class SparseTopKCategoricalAccuracy extends MeanMetric {
  readonly k: number;

  constructor(args?: TopKArgs) {
    const { config, k } = readK('SparseTopKCategoricalAccuracy', args);
    super('SparseTopKCategoricalAccuracy', 'sparse_top_k_categorical_accuracy', config);
    this.k = k;
  }

  samplewise(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike): Tensor {
    const p = classScores(this.className, yPred);
    return inTopK(sparseLabels(this.className, yTrue, p), p, this.k);
  }

  protected override ownConfig(): Record<string, unknown> {
    return { k: this.k };
  }
}
