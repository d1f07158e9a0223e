import { NeuriteError, dispose, type Tensor } from '@neurite/tensor';
import type { Logs } from '../callbacks/callback.js';
import { takeBatch } from './batches.js';
import type { CompiledState } from './compile.js';
import { assertFinite, normalizeData, sampleCount, type ModelData } from './data.js';
import { EpochTracker } from './epoch-logs.js';
import { checkBatchSize, checkOptions, requireCompiled } from './arguments.js';
import { testStep } from './step.js';
import { readStep } from './step-values.js';
import type { TrainableModel } from './trainable-model.js';

export interface EvaluateArgs {
  /** Samples per batch (32). */
  batchSize?: number;
  /** Accepted for Keras compatibility; evaluate prints nothing. */
  verbose?: 0 | 1 | 2;
}

/** Runs the model over x (training off) in batches; the logs of the pass (mean loss, metrics), keys prefixed by `prefix`. */
export async function runEvaluation(owner: string, model: TrainableModel, compiled: CompiledState, xs: Tensor[], ys: Tensor[], batchSize: number, prefix = ''): Promise<Logs> {
  const tracker = new EpochTracker(compiled);
  const n = xs[0].shape[0];
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    const xb = takeBatch(xs, start, end, null);
    const yb = takeBatch(ys, start, end, null);
    try {
      tracker.add(await readStep(testStep(owner, model, compiled, xb, yb, start === 0)), end - start);
    } finally {
      dispose([xb, yb]);
    }
  }
  return tracker.settledLogs(prefix);
}

/** A lone loss as a number; with metrics or several outputs, the record of logs. */
export function logsResult(logs: Logs): number | Logs {
  const keys = Object.keys(logs);
  return keys.length === 1 ? logs.loss : logs;
}

/** `model.evaluate`: the loss (and metrics) on x and y, with training off. */
export async function evaluateModel(model: TrainableModel, x: ModelData, y: ModelData, args: EvaluateArgs = {}): Promise<number | Logs> {
  const owner = 'evaluate';
  checkOptions(owner, args, ['batchSize', 'verbose']);
  const compiled = requireCompiled(owner, model);
  const batchSize = checkBatchSize(owner, args.batchSize ?? 32);
  const xd = normalizeData(owner, 'x', x, model.inputNames, 'inputs');
  const yd = normalizeData(owner, 'y', y, model.outputNames, 'outputs');
  try {
    const n = sampleCount(owner, xd.tensors, yd.tensors);
    if (n === 0) throw new NeuriteError(`${owner}: x holds no samples`);
    await assertFinite(owner, 'x', xd.tensors);
    await assertFinite(owner, 'y', yd.tensors);
    model.ensureBuilt(xd.tensors);
    return logsResult(await runEvaluation(owner, model, compiled, xd.tensors, yd.tensors, batchSize));
  } finally {
    dispose([xd.owned, yd.owned]);
  }
}
