import { NeuriteError, Tensor, tidy, type TensorLike } from '@neurite/tensor';
import { checkConfig, describeValue } from '../losses/argument-checks.js';
import { toTensor } from '../losses/shapes.js';
import { MeanMetric, StreamingMean, type MetricArgs } from './metric-base.js';

/**
 * The weighted mean of every value given to `updateState(values, sampleWeight?)`; the trainer feeds it each
 * batch's loss with the batch size as weight, so the epoch's loss is the mean over samples.
 */
export class Mean extends StreamingMean {
  constructor(args?: MetricArgs) {
    super('Mean', 'mean', checkConfig('Mean', args, ['name']));
  }

  /** Adds values (a number, array or tensor; per-sample values are averaged per sample) with optional weights. */
  updateState(values: Tensor | TensorLike | number, sampleWeight?: Tensor | TensorLike | number): void {
    tidy(() => this.accumulate(toTensor(this.className, 'values', values), sampleWeight));
  }
}

/** A per-sample metric function: one value per sample (shape [batch] or [batch, ...]). */
export type MetricFunction = (yTrue: Tensor, yPred: Tensor) => Tensor;

/** Turns a per-sample function into a streaming metric, averaged over samples (Keras's MeanMetricWrapper). */
export class MeanMetricWrapper extends MeanMetric {
  constructor(readonly fn: MetricFunction, args?: MetricArgs) {
    if (typeof fn !== 'function') {
      throw new NeuriteError(`MeanMetricWrapper: fn must be a function (yTrue, yPred) => Tensor. Received: fn=${describeValue(fn)}`);
    }
    super('MeanMetricWrapper', fn.name || 'metric', checkConfig('MeanMetricWrapper', args, ['name']));
  }

  samplewise(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike): Tensor {
    const values = this.fn(toTensor(this.name, 'yTrue', yTrue), toTensor(this.name, 'yPred', yPred));
    if (!(values instanceof Tensor)) {
      throw new NeuriteError(`${this.name}: the metric function must return a Tensor. Received: ${describeValue(values)}`);
    }
    return values;
  }
}
