import { tidy, type Tensor, type TensorLike } from '@neurite/tensor';
import type { MetricLike } from './metric.js';
import { checkName } from '../losses/argument-checks.js';
import { weightedSums } from './weighted-sums.js';

/** Options every metric takes: its name in logs. */
export interface MetricArgs {
  name?: string;
}

/**
 * A streaming weighted mean: `total` and `count` as plain float64 numbers, so nothing needs disposing and
 * long epochs lose no precision. `result()` is total / count, 0 before any update (Keras's divide_no_nan).
 */
export abstract class StreamingMean {
  readonly name: string;
  protected total = 0;
  protected count = 0;

  protected constructor(readonly className: string, defaultName: string, args: MetricArgs) {
    this.name = args.name === undefined ? defaultName : checkName(className, args.name);
  }

  /** The mean so far. */
  result(): number {
    return this.count === 0 ? 0 : this.total / this.count;
  }

  /** Forgets every update (the trainer calls it at each epoch start). */
  resetState(): void {
    this.total = 0;
    this.count = 0;
  }

  /** The constructor options that recreate this metric (camelCase keys). */
  getConfig(): Record<string, unknown> {
    return { name: this.name, ...this.ownConfig() };
  }

  protected ownConfig(): Record<string, unknown> {
    return {};
  }

  /** Adds one batch of values (per sample, or a scalar) with optional weights. */
  protected accumulate(values: Tensor, sampleWeight?: Tensor | TensorLike | number): void {
    const { total, count } = weightedSums(this.className, values, sampleWeight);
    this.total += total;
    this.count += count;
  }
}

/**
 * Base of the metrics that average a per-sample value (accuracy, errors) over every sample seen, weighted
 * by `sampleWeight` when given (Keras's MeanMetricWrapper).
 */
export abstract class MeanMetric extends StreamingMean implements MetricLike {
  /** Adds one batch: yTrue and yPred as the loss takes them, sampleWeight of shape [batch] (or a scalar). */
  updateState(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike, sampleWeight?: Tensor | TensorLike | number): void {
    tidy(() => this.accumulate(this.samplewise(yTrue, yPred), sampleWeight));
  }

  /** The per-sample values of one batch, shape [batch] (or [batch, ...], averaged per sample). */
  abstract samplewise(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike): Tensor;
}
