import { NeuriteError, SeedGenerator, dispose, randomPermutation, type Tensor } from '@neurite/tensor';
import { CallbackList, History, ProgressBar, type Logs, type TrainParams } from '../callbacks/index.js';
import { requireCompiled } from './arguments.js';
import { sliceRows, takeBatch } from './batches.js';
import { sampleWeightsFromClasses } from './class-weight.js';
import type { CompiledState } from './compile.js';
import { assertFinite, normalizeData, sampleCount, type ModelData } from './data.js';
import { EpochTracker, logKeys } from './epoch-logs.js';
import { runEvaluation } from './evaluate.js';
import { resolveFitArgs, type FitArgs, type ResolvedFitArgs } from './fit-args.js';
import { rejectedStepReason, trainStep, type TrainStepResult } from './step.js';
import type { TrainableModel } from './trainable-model.js';

export type { FitArgs } from './fit-args.js';

/** Training and validation tensors of one `fit`, plus the tensors made here (freed at the end). */
interface FitData {
  x: Tensor[];
  y: Tensor[];
  sampleWeight: Tensor | null;
  xVal: Tensor[] | null;
  yVal: Tensor[] | null;
  owned: Tensor[];
}

async function loadXY(owner: string, model: TrainableModel, x: ModelData, y: ModelData, names: [string, string], owned: Tensor[]): Promise<[Tensor[], Tensor[]]> {
  const xd = normalizeData(owner, names[0], x, model.inputNames, 'inputs');
  owned.push(...xd.owned);
  const yd = normalizeData(owner, names[1], y, model.outputNames, 'outputs');
  owned.push(...yd.owned);
  sampleCount(owner, xd.tensors, yd.tensors, names);
  await assertFinite(owner, names[0], xd.tensors);
  await assertFinite(owner, names[1], yd.tensors);
  return [xd.tensors, yd.tensors];
}

/** Checks the data, splits off validation (the last samples, before any shuffling) and makes class weights. */
async function prepareData(owner: string, model: TrainableModel, compiled: CompiledState, x: ModelData, y: ModelData, opts: ResolvedFitArgs): Promise<FitData> {
  const owned: Tensor[] = [];
  try {
    let [xs, ys] = await loadXY(owner, model, x, y, ['x', 'y'], owned);
    model.ensureBuilt(xs);
    let xVal: Tensor[] | null = null;
    let yVal: Tensor[] | null = null;
    if (opts.validationData) {
      [xVal, yVal] = await loadXY(owner, model, opts.validationData[0], opts.validationData[1], ['validationData[0]', 'validationData[1]'], owned);
    } else if (opts.validationSplit > 0) {
      const n = xs[0].shape[0];
      const splitAt = Math.floor(n * (1 - opts.validationSplit));
      if (splitAt === 0 || splitAt === n) {
        throw new NeuriteError(
          `${owner}: validationSplit=${opts.validationSplit} of ${n} samples leaves ${splitAt} for training and ${n - splitAt} for validation; both need at least one`,
        );
      }
      const cut = (list: Tensor[], from: number, to: number): Tensor[] => list.map((t) => {
        const part = sliceRows(t, from, to);
        owned.push(part);
        return part;
      });
      [xVal, yVal] = [cut(xs, splitAt, n), cut(ys, splitAt, n)];
      [xs, ys] = [cut(xs, 0, splitAt), cut(ys, 0, splitAt)];
    }
    if (xs[0].shape[0] === 0) throw new NeuriteError(`${owner}: x holds no samples`);
    let sampleWeight: Tensor | null = null;
    if (opts.classWeight) {
      if (compiled.outputs.length > 1) {
        throw new NeuriteError(`${owner}: classWeight is only supported for single-output models; this one has ${compiled.outputs.length} outputs`);
      }
      sampleWeight = await sampleWeightsFromClasses(opts.classWeight, ys[0]);
      owned.push(sampleWeight);
    }
    return { x: xs, y: ys, sampleWeight, xVal, yVal, owned };
  } catch (error) {
    dispose(owned);
    throw error;
  }
}

/** The shuffling seed of an epoch: derived from `seed` when given, else drawn from the global generator. */
/**
 * The sample order of `epoch`: a permutation drawn from the fit's seed (epoch e is the e-th stream of a
 * SeedGenerator on it, so a run resumed at initialEpoch e shuffles as the whole run did), or from the
 * global generator when there is none.
 */
function epochOrder(samples: number, seed: number | null, epoch: number): Int32Array {
  if (seed === null) return randomPermutation(samples);
  const generator = new SeedGenerator(seed);
  generator.state = epoch;
  return randomPermutation(samples, generator);
}

/** One batch: take the rows (in the epoch's order), run the train step, free the batch, read the losses. */
async function trainBatch(owner: string, model: TrainableModel, compiled: CompiledState, data: FitData, start: number, end: number, order: Int32Array | null, checkShapes: boolean): Promise<TrainStepResult> {
  const xb = takeBatch(data.x, start, end, order);
  const yb = takeBatch(data.y, start, end, order);
  const sw = data.sampleWeight ? takeBatch([data.sampleWeight], start, end, order)[0] : null;
  try {
    return await trainStep(owner, model, compiled, xb, yb, sw, checkShapes);
  } finally {
    dispose([xb, yb, sw]);
  }
}

/**
 * `model.fit` (Keras 3 semantics): per epoch, shuffle, train batch by batch (metrics and the loss are
 * running means, the loss including regularization penalties), then evaluate the validation data with
 * training off and report `val_`-prefixed logs. `model.stopTraining` ends training after the current
 * batch; a step whose loss or gradients are not finite is not applied, and is an error unless a callback
 * (TerminateOnNaN) stops training at that batch.
 */
export async function fitModel(model: TrainableModel, x: ModelData, y: ModelData, args: FitArgs = {}): Promise<History> {
  const owner = 'fit';
  const compiled = requireCompiled(owner, model);
  const opts = resolveFitArgs(owner, args);
  const data = await prepareData(owner, model, compiled, x, y, opts);
  try {
    const samples = data.x[0].shape[0];
    const steps = Math.ceil(samples / opts.batchSize);
    const history = new History();
    const params: TrainParams = {
      epochs: opts.epochs,
      steps,
      samples,
      batchSize: opts.batchSize,
      verbose: opts.verbose,
      metrics: logKeys(compiled, data.xVal !== null),
    };
    const defaults = opts.verbose > 0 ? [history, new ProgressBar()] : [history];
    const callbacks = new CallbackList([...opts.callbacks, ...defaults], { model, params });

    model.stopTraining = false;
    await callbacks.onTrainBegin();
    let lastLogs: Logs = {};
    let checkShapes = true;
    for (let epoch = opts.initialEpoch; epoch < opts.epochs; epoch++) {
      await callbacks.onEpochBegin(epoch);
      const tracker = new EpochTracker(compiled);
      const order = opts.shuffle ? epochOrder(samples, opts.seed, epoch) : null;
      for (let batch = 0; batch < steps; batch++) {
        await callbacks.onTrainBatchBegin(batch);
        const start = batch * opts.batchSize;
        const end = Math.min(samples, start + opts.batchSize);
        const step = await trainBatch(owner, model, compiled, data, start, end, order, checkShapes);
        checkShapes = false;
        tracker.add(step, end - start);
        await callbacks.onTrainBatchEnd(batch, await tracker.settledLogs());
        if (!step.applied && !model.stopTraining) {
          throw new NeuriteError(
            `${owner}: ${rejectedStepReason(step)} at epoch ${epoch + 1}/${opts.epochs}, batch ${batch + 1}/${steps}, so that step was not applied: ` +
              'the weights are as they were before it. Check the data and the loss, lower the learning rate, or add a TerminateOnNaN callback to stop quietly',
          );
        }
        if (model.stopTraining) break;
      }
      const logs = await tracker.settledLogs();
      if (data.xVal && data.yVal) Object.assign(logs, await runEvaluation(owner, model, compiled, data.xVal, data.yVal, opts.validationBatchSize, 'val_'));
      await callbacks.onEpochEnd(epoch, logs);
      lastLogs = logs;
      if (model.stopTraining) break;
    }
    await callbacks.onTrainEnd(lastLogs);
    return history;
  } finally {
    dispose(data.owned);
  }
}
