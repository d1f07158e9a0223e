import { NeuriteError, concat, dispose, tidy, type Tensor, describeValue } from '@neurite/tensor';
import { checkBatchSize, checkOptions } from './arguments.js';
import { takeBatch } from './batches.js';
import { canReadSync } from '../backend-reads.js';
import { assertFiniteSync, normalizeData, sampleCount, type ModelData } from './data.js';
import type { TrainableModel } from './trainable-model.js';

export interface PredictArgs {
  /** Samples per batch (32). */
  batchSize?: number;
  /** Run with training on (dropout active: Monte-Carlo dropout). False by default. */
  training?: boolean;
  /** Accepted for Keras compatibility; predict prints nothing. */
  verbose?: 0 | 1 | 2;
}

/** `model.predict`: the outputs for x, computed in batches and concatenated; a list for several outputs. */
export function predictModel(model: TrainableModel, x: ModelData, args: PredictArgs = {}): Tensor | Tensor[] {
  const owner = 'predict';
  checkOptions(owner, args, ['batchSize', 'training', 'verbose']);
  const batchSize = checkBatchSize(owner, args.batchSize ?? 32);
  const training = args.training ?? false;
  if (typeof training !== 'boolean') throw new NeuriteError(`${owner}: training must be a boolean. Received: training=${describeValue(training)}`);
  const xd = normalizeData(owner, 'x', x, model.inputNames, 'inputs');
  const parts: Tensor[][] = [];
  try {
    const n = sampleCount(owner, xd.tensors, null);
    // Where values can be read synchronously (predict returns synchronously), a NaN or infinity in the
    // inputs is named here rather than turning up in the outputs (or, with training on, in the moving
    // statistics of BatchNormalization).
    if (canReadSync()) assertFiniteSync(owner, 'x', xd.tensors);
    model.ensureBuilt(xd.tensors);
    if (n <= batchSize) return single(tidy(() => model.forward(xd.tensors, training)));
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(n, start + batchSize);
      parts.push(tidy(() => model.forward(takeBatch(xd.tensors, start, end, null), training)));
    }
    return single(tidy(() => parts[0].map((_, k) => concat(parts.map((p) => p[k]), { axis: 0 }))));
  } finally {
    dispose([xd.owned, parts]);
  }
}

function single(outputs: Tensor[]): Tensor | Tensor[] {
  return outputs.length === 1 ? outputs[0] : outputs;
}
