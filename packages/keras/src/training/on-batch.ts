import { dispose } from '@neurite/tensor';
import type { Logs } from '../callbacks/callback.js';
import { requireCompiled } from './arguments.js';
import { assertNoNaN, normalizeData, sampleCount, type ModelData } from './data.js';
import { EpochTracker } from './epoch-logs.js';
import { logsResult } from './evaluate.js';
import { testStep, trainStep } from './step.js';
import type { TrainableModel } from './trainable-model.js';

function onBatch(owner: string, model: TrainableModel, x: ModelData, y: ModelData, train: boolean): number | Logs {
  const compiled = requireCompiled(owner, model);
  const xd = normalizeData(owner, 'x', x, model.inputNames, 'inputs');
  const yd = normalizeData(owner, 'y', y, model.outputNames, 'outputs');
  try {
    const n = sampleCount(owner, xd.tensors, yd.tensors);
    assertNoNaN(owner, 'x', xd.tensors);
    assertNoNaN(owner, 'y', yd.tensors);
    model.ensureBuilt(xd.tensors);
    // Metrics restart at each call, so the result describes this batch alone.
    const tracker = new EpochTracker(compiled);
    const step = train
      ? trainStep(owner, model, compiled, xd.tensors, yd.tensors, null, true)
      : testStep(owner, model, compiled, xd.tensors, yd.tensors, true);
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
