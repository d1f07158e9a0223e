import { NeuriteError, dispose, getBackend, keep, tidy, type Tensor, type TensorLike } from '@neurite/tensor';
import type { MetricLike } from './metric.js';
import { canReadSync } from '../backend-reads.js';
import { checkName } from '../losses/argument-checks.js';
import { sumsFromValues, weightedSums, type BatchSums } from './weighted-sums.js';

/** Options every metric takes: its name in logs. */
export interface MetricArgs {
  name?: string;
}

/**
 * A streaming weighted mean: `total` and `count` as plain float64 numbers, so long epochs lose no
 * precision. `result()` is total / count, 0 before any update (Keras's divide_no_nan).
 *
 * On a backend that cannot read synchronously (WebGPU), each update's sums stay on the backend as a
 * pending tensor until `await settle()` reads them, so updates never wait for the device.
 */
export abstract class StreamingMean {
  readonly name: string;
  protected total = 0;
  protected count = 0;
  private pending: BatchSums[] = [];

  protected constructor(readonly className: string, defaultName: string, args: MetricArgs) {
    this.name = args.name === undefined ? defaultName : checkName(className, args.name);
  }

  /** The mean so far; after `await settle()` when updates are pending (asynchronous backends). */
  result(): number {
    if (this.pending.length > 0) {
      throw new NeuriteError(
        `${this.className} '${this.name}': result() has ${this.pending.length} pending update(s) that backend '${getBackend()}' ` +
          "cannot read synchronously; call 'await metric.settle()' first (fit and evaluate do)",
      );
    }
    return this.count === 0 ? 0 : this.total / this.count;
  }

  /** Reads the pending updates (asynchronous backends) into the mean, in update order; frees them. */
  async settle(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    try {
      const values = await Promise.all(pending.map((p) => p.sums.data()));
      values.forEach((v, i) => this.add(sumsFromValues(v, pending[i].count)));
    } finally {
      dispose(pending.map((p) => p.sums));
    }
  }

  /** Forgets every update (the trainer calls it at each epoch start). */
  resetState(): void {
    dispose(this.pending.map((p) => p.sums));
    this.pending = [];
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
    const batch = weightedSums(this.className, values, sampleWeight);
    if (canReadSync()) {
      this.add(sumsFromValues(batch.sums.dataSync(), batch.count));
    } else {
      // Kept past the caller's tidy until settle() (or resetState()) frees it.
      this.pending.push({ sums: keep(batch.sums), count: batch.count });
    }
  }

  private add({ total, count }: { total: number; count: number }): void {
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
