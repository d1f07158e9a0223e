// A fake model and a simulated training loop for the callback tests: the loop drives the hooks the way
// `fit` does, with scripted logs, so each callback can be checked without a real model.
import { fill, tensor, variable, type Tensor, type Variable } from '@neurite/tensor';
import { CallbackList, History, type Callback, type Logs, type TrainingModel, type TrainParams } from '../src/callbacks/index.js';

/** A TrainingModel over two real variables, with an optimizer that only holds a learning rate. */
export interface FakeModel extends TrainingModel {
  variables: Variable[];
  optimizer: { learningRate: unknown };
  /** Sets every weight to `value` (w0 = value, w1 = 10 * value), the "training" of one epoch. */
  setAll(value: number): void;
  /** The current weight values as plain arrays. */
  values(): number[][];
}

export function makeFakeModel(optimizer: { learningRate: unknown } = { learningRate: 0.1 }): FakeModel {
  const variables = [variable(tensor([0, 0])), variable(tensor([[0]]))];
  return {
    stopTraining: false,
    optimizer,
    variables,
    getWeights: () => variables.map((v) => v.clone()),
    setWeights: (ws: Tensor[]) => ws.forEach((w, i) => variables[i].assign(w)),
    setAll(value: number) {
      variables.forEach((v, i) => {
        const t = fill(v.shape as number[], value * (i === 0 ? 1 : 10));
        v.assign(t);
        t.dispose();
      });
    },
    values: () => variables.map((v) => Array.from(v.dataSync())),
  };
}

export interface SimulateOptions {
  /** Epoch-end logs, one per epoch (their count is the number of epochs unless `epochs` says otherwise). */
  epochLogs?: Logs[];
  epochs?: number;
  steps?: number;
  /** Batch-end logs; default `{ loss }` taken from the epoch's loss. */
  batchLogs?: (epoch: number, batch: number) => Logs;
  verbose?: 0 | 1 | 2;
  metrics?: string[];
}

export interface SimulateResult {
  history: History;
  /** Epochs whose onEpochEnd ran. */
  epochsRun: number;
}

/**
 * A training loop as `fit` runs one: during epoch e the weights become e + 1; a stop request is honoured
 * after the batch that made it and after each epoch.
 */
export async function simulate(model: FakeModel, callbacks: Callback[], o: SimulateOptions = {}): Promise<SimulateResult> {
  const epochLogs = o.epochLogs ?? [];
  const epochs = o.epochs ?? epochLogs.length;
  const steps = o.steps ?? 2;
  const history = new History();
  const params: TrainParams = {
    epochs, steps, samples: steps * 4, batchSize: 4, verbose: o.verbose ?? 0, metrics: o.metrics ?? ['loss'],
  };
  const list = new CallbackList([...callbacks, history], { model, params });
  model.stopTraining = false;
  await list.onTrainBegin();
  let epochsRun = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    await list.onEpochBegin(epoch);
    for (let batch = 0; batch < steps; batch++) {
      await list.onTrainBatchBegin(batch, {});
      model.setAll(epoch + 1);
      const logs = o.batchLogs ? o.batchLogs(epoch, batch) : { loss: epochLogs[epoch]?.loss ?? 0 };
      await list.onTrainBatchEnd(batch, logs);
      if (model.stopTraining) break;
    }
    await list.onEpochEnd(epoch, { ...(epochLogs[epoch] ?? {}) });
    epochsRun++;
    if (model.stopTraining) break;
  }
  await list.onTrainEnd();
  return { history, epochsRun };
}

/** Epoch logs with `val_loss` (or another key) taking the given values in turn. */
export function series(values: number[], key = 'val_loss'): Logs[] {
  return values.map((v) => ({ loss: v + 1, [key]: v }));
}
