import { NeuriteError, dispose, getBackend } from '@neurite/tensor';
import type { Logs } from '../callbacks/callback.js';
import { canReadSync } from '../backend-reads.js';
import { requireCompiled } from './arguments.js';
import { assertFiniteSync, normalizeData, sampleCount, type ModelData } from './data.js';
import { EpochTracker } from './epoch-logs.js';
import { logsResult } from './evaluate.js';
import { rejectedStepReason, testStep, trainStepSync } from './step.js';
import { readStepSync } from './step-values.js';
import type { TrainableModel } from './trainable-model.js';

/**
 * These methods return numbers synchronously (as Keras's do), which a backend without synchronous reads
 * (WebGPU) cannot give; checked before any work, so a refused call changes no weight.
 */
function requireSyncReads(owner: 'trainOnBatch' | 'testOnBatch'): void {
  if (canReadSync()) return;
  const instead = owner === 'trainOnBatch' ? 'fit(x, y, { epochs: 1, batchSize: n })' : 'evaluate(x, y, { batchSize: n })';
  throw new NeuriteError(
    `${owner}: backend '${getBackend()}' cannot read values synchronously, and ${owner} returns its numbers synchronously; ` +
      `use the asynchronous 'await model.${instead}' instead (n: the number of samples)`,
  );
}

function onBatch(owner: 'trainOnBatch' | 'testOnBatch', model: TrainableModel, x: ModelData, y: ModelData, train: boolean): number | Logs {
  requireSyncReads(owner);
  const compiled = requireCompiled(owner, model);
  const xd = normalizeData(owner, 'x', x, model.inputNames, 'inputs');
  const yd = normalizeData(owner, 'y', y, model.outputNames, 'outputs');
  try {
    const n = sampleCount(owner, xd.tensors, yd.tensors);
    assertFiniteSync(owner, 'x', xd.tensors);
    assertFiniteSync(owner, 'y', yd.tensors);
    model.ensureBuilt(xd.tensors);
    // Metrics restart at each call, so the result describes this batch alone.
    const tracker = new EpochTracker(compiled);
    if (!train) {
      tracker.add(readStepSync(testStep(owner, model, compiled, xd.tensors, yd.tensors, true)), n);
      return logsResult(tracker.logs());
    }
    const step = trainStepSync(owner, model, compiled, xd.tensors, yd.tensors, null, true);
    if (!step.applied) {
      throw new NeuriteError(`${owner}: ${rejectedStepReason(step)}, so the step was not applied: the weights are as they were before it`);
    }
    tracker.add(step, n);
    return logsResult(tracker.logs());
  } finally {
    dispose([xd.owned, yd.owned]);
  }
}

/** `model.trainOnBatch`: one optimizer step on x, y as one batch; the loss (and metrics) of that batch. */
export function trainOnBatch(model: TrainableModel, x: ModelData, y: ModelData): number | Logs {
  return onBatch('trainOnBatch', model, x, y, true);
}

/** `model.testOnBatch`: the loss (and metrics) on x, y as one batch, training off. */
export function testOnBatch(model: TrainableModel, x: ModelData, y: ModelData): number | Logs {
  return onBatch('testOnBatch', model, x, y, false);
}
