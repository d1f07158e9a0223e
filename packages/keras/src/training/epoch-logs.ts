import type { Logs } from '../callbacks/callback.js';
import type { CompiledState } from './compile.js';
import { RunningMean } from './running-mean.js';
import type { StepValues } from './step-values.js';

/**
 * Accumulates one pass over the data (an epoch, or an evaluation): the batch-size-weighted mean of the
 * total loss and of each output's loss, and the compiled metrics (reset when the tracker is made).
 */
export class EpochTracker {
  private readonly loss = new RunningMean();
  private readonly outputLosses: RunningMean[];

  constructor(private readonly compiled: CompiledState) {
    this.outputLosses = compiled.outputs.map(() => new RunningMean());
    for (const out of compiled.outputs) for (const { metric } of out.metrics) metric.resetState();
  }

  add(step: StepValues, batchSize: number): void {
    this.loss.add(step.loss, batchSize);
    step.outputLosses.forEach((v, i) => {
      if (v !== null) this.outputLosses[i].add(v, batchSize);
    });
  }

  /** Reads the metrics' pending updates (asynchronous backends), so `logs()` can ask their results. */
  async settle(): Promise<void> {
    const metrics = this.compiled.outputs.flatMap((out) => out.metrics.map(({ metric }) => metric));
    await Promise.all(metrics.map((metric) => (typeof metric.settle === 'function' ? metric.settle() : undefined)));
  }

  /** `logs()` once every metric has settled: what fit and evaluate report. */
  async settledLogs(prefix = ''): Promise<Logs> {
    await this.settle();
    return this.logs(prefix);
  }

  /**
   * `loss`, `<output>_loss` (several outputs only), then the metrics; keys prefixed by `prefix`. On an
   * asynchronous backend a metric with unsettled updates throws: use `settledLogs`.
   */
  logs(prefix = ''): Logs {
    const logs: Logs = { [`${prefix}loss`]: this.loss.value };
    const several = this.compiled.outputs.length > 1;
    this.compiled.outputs.forEach((out, i) => {
      if (several && out.loss) logs[`${prefix}${out.name}_loss`] = this.outputLosses[i].value;
    });
    for (const out of this.compiled.outputs) {
      for (const { key, metric } of out.metrics) logs[`${prefix}${key}`] = metric.result();
    }
    return logs;
  }
}

/** The log keys of a compiled model, as `TrainParams.metrics` lists them. */
export function logKeys(compiled: CompiledState, withValidation: boolean): string[] {
  const keys = ['loss'];
  if (compiled.outputs.length > 1) for (const out of compiled.outputs) if (out.loss) keys.push(`${out.name}_loss`);
  for (const out of compiled.outputs) for (const { key } of out.metrics) keys.push(key);
  return withValidation ? [...keys, ...keys.map((k) => `val_${k}`)] : keys;
}
