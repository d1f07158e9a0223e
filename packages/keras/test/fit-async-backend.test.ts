import { CpuBackend } from '@neurite/backend-cpu';
import { afterEach, describe, expect, test } from 'vitest';
import {
  memory, registerBackend, setBackend, setSeed, tensor, NeuriteError,
  type DataId, type Tensor, type TypedArray,
} from '@neurite/tensor';
import { Dense, Dropout, Input } from '@neurite/layers';
import { L2 } from '@neurite/regularizers';
import type { History } from '../src/callbacks/index.js';
import { CategoricalAccuracy, Mean } from '../src/metrics/index.js';
import { Model } from '../src/models/model.js';
import { Sequential } from '../src/models/sequential.js';
import { Adam, type OptimizerLike } from '../src/optimizers/index.js';
import { matrix } from './model-helpers.js';

/**
 * The CPU backend without synchronous reads (`syncReads: false`), as WebGPU: values come back only
 * through `await data()`. Reads also answer a macrotask later, copied when asked (as a GPU read copies
 * to a staging buffer first), so code that forgets to await shows up.
 */
class AsyncCpuBackend extends CpuBackend {
  constructor() {
    super({ syncReads: false });
  }

  override async read(dataId: DataId): Promise<TypedArray> {
    const copy = (await super.read(dataId)).slice();
    await new Promise((resolve) => setTimeout(resolve, 0));
    return copy;
  }
}

// Priority 0: 'cpu' (priority 1) stays the default; tests switch explicitly.
registerBackend('cpu-async', () => new AsyncCpuBackend(), 0);

afterEach(async () => {
  await setBackend('cpu');
});

async function readAll(tensors: Tensor[]): Promise<number[][]> {
  const values = await Promise.all(tensors.map(async (t) => [...(await t.data())]));
  tensors.forEach((t) => t.dispose());
  return values;
}

/** 3 classes from the sign pattern of the first two features, one-hot. */
function classData(n: number, seed: number): { x: number[][]; y: number[][] } {
  const x = matrix(n, 4, seed);
  const y = x.map((r) => {
    const cls = r[0] > 0.3 ? 0 : r[1] > 0 ? 1 : 2;
    return [0, 1, 2].map((k) => (k === cls ? 1 : 0));
  });
  return { x, y };
}

function classifier(): Sequential {
  const m = new Sequential({
    layers: [
      new Dense({ units: 8, inputShape: [4], activation: 'relu', kernelRegularizer: new L2({ l2: 0.01 }) }),
      new Dropout({ rate: 0.25, seed: 7 }),
      new Dense({ units: 3, activation: 'softmax' }),
    ],
  });
  m.compile({ optimizer: new Adam({ learningRate: 0.02 }), loss: 'categorical_crossentropy', metrics: ['accuracy', 'mse'] });
  return m;
}

interface Run {
  seeded: History;
  unseeded: History;
  evaluation: number | Record<string, number>;
  prediction: number[];
  weights: number[][];
  leaked: number;
}

/** The same seeded training on `backendName`: everything it reports, and the tensors it left behind. */
async function trainOn(backendName: string): Promise<Run> {
  await setBackend(backendName);
  setSeed(1234);
  const m = classifier();
  const { x, y } = classData(48, 11);
  const xt = tensor(x);
  const yt = tensor(y);
  const seeded = await m.fit(xt, yt, { epochs: 3, batchSize: 8, validationSplit: 0.25, seed: 5, classWeight: { 0: 1, 1: 2, 2: 0.5 }, verbose: 0 });
  // Adam's moments exist from here on; anything more after this point is a leak.
  const before = memory().numTensors;
  // No seed: the epoch order comes from the global generator (drawSeed).
  const unseeded = await m.fit(xt, yt, { epochs: 2, batchSize: 16, verbose: 0 });
  const evaluation = await m.evaluate(xt, yt, { batchSize: 10 });
  const predicted = m.predict(xt, { batchSize: 20 }) as Tensor;
  const prediction = [...(await predicted.data())];
  predicted.dispose();
  const leaked = memory().numTensors - before;
  const weights = await readAll(m.getWeights());
  xt.dispose();
  yt.dispose();
  return { seeded, unseeded, evaluation, prediction, weights, leaked };
}

describe('fit / evaluate / predict on a backend without synchronous reads', () => {
  test("the 'cpu-async' test backend really has no synchronous reads", async () => {
    await setBackend('cpu-async');
    const t = tensor([1, 2, 3]);
    expect(() => t.dataSync()).toThrow("use 'await tensor.data()'");
    expect([...(await t.data())]).toEqual([1, 2, 3]);
    t.dispose();
  });

  test('a seeded run gives the same History, evaluation, predictions and weights as on the CPU; nothing leaks', async () => {
    const sync = await trainOn('cpu');
    const async_ = await trainOn('cpu-async');
    expect(Object.keys(sync.seeded.history)).toEqual(['loss', 'accuracy', 'mse', 'val_loss', 'val_accuracy', 'val_mse']);
    expect(async_.seeded.epoch).toEqual(sync.seeded.epoch);
    expect(async_.seeded.history).toEqual(sync.seeded.history);
    expect(async_.unseeded.history).toEqual(sync.unseeded.history);
    expect(async_.evaluation).toEqual(sync.evaluation);
    expect(async_.prediction).toEqual(sync.prediction);
    expect(async_.weights).toEqual(sync.weights);
    expect(sync.leaked).toBe(0);
    expect(async_.leaked).toBe(0);
  });

  test('two outputs: per-output losses and metrics match the CPU run', async () => {
    const run = async (backendName: string): Promise<{ history: History; evaluation: number | Record<string, number> }> => {
      await setBackend(backendName);
      setSeed(99);
      const input = Input({ shape: [4] });
      const hidden = new Dense({ units: 6, activation: 'tanh' }).apply(input);
      const reg = new Dense({ units: 1, name: 'reg' }).apply(hidden);
      const cls = new Dense({ units: 3, activation: 'softmax', name: 'cls' }).apply(hidden);
      const m = new Model({ inputs: input, outputs: [reg, cls] });
      m.compile({ optimizer: 'sgd', loss: { reg: 'mse', cls: 'sparse_categorical_crossentropy' }, metrics: { cls: ['accuracy'] }, lossWeights: { reg: 1, cls: 0.5 } });
      const x = matrix(24, 4, 3);
      const xt = tensor(x);
      const yReg = tensor(x.map((r) => [r[0] - r[1]]));
      const yCls = tensor(x.map((r) => (r[2] > 0 ? 1 : r[3] > 0 ? 2 : 0)), undefined, 'int32');
      const history = await m.fit(xt, [yReg, yCls], { epochs: 2, batchSize: 6, seed: 1, validationSplit: 0.25, verbose: 0 });
      const evaluation = await m.evaluate(xt, [yReg, yCls], { batchSize: 7 });
      [xt, yReg, yCls].forEach((t) => t.dispose());
      return { history, evaluation };
    };
    const sync = await run('cpu');
    const async_ = await run('cpu-async');
    expect(Object.keys(sync.history.history)).toContain('val_cls_loss');
    expect(async_.history.history).toEqual(sync.history.history);
    expect(async_.evaluation).toEqual(sync.evaluation);
  });

  test('a metric defers its reads: result() asks for settle() first; settle() and resetState() free the pending sums', async () => {
    const yTrue = [[1, 0], [0, 1], [0, 1]];
    const yPred = [[0.9, 0.1], [0.2, 0.8], [0.7, 0.3]];
    const update = (acc: CategoricalAccuracy): void => {
      const [t, p, w] = [tensor(yTrue), tensor(yPred), tensor([1, 2, 0])];
      acc.updateState(t, p);
      acc.updateState(t, p, w);
      [t, p, w].forEach((x) => x.dispose());
    };
    const reference = new CategoricalAccuracy();
    update(reference);

    await setBackend('cpu-async');
    const acc = new CategoricalAccuracy();
    const before = memory().numTensors;
    update(acc);
    expect(memory().numTensors).toBe(before + 2); // one pending [total, count] per update
    expect(() => acc.result()).toThrow(NeuriteError);
    expect(() => acc.result()).toThrow(
      "CategoricalAccuracy 'categorical_accuracy': result() has 2 pending update(s) that backend 'cpu-async' cannot read synchronously; call 'await metric.settle()' first",
    );
    await acc.settle();
    expect(memory().numTensors).toBe(before);
    expect(acc.result()).toBe(reference.result());
    expect(acc.result()).toBeCloseTo((2 + 3) / (3 + 3), 6); // hits 2 of 3, then weighted 1+2 of 3

    const mean = new Mean();
    mean.updateState([1, 2, 3]);
    expect(memory().numTensors).toBe(before + 1);
    mean.resetState();
    expect(memory().numTensors).toBe(before);
    expect(mean.result()).toBe(0);
  });

  test('trainOnBatch / testOnBatch refuse clearly, before touching a weight', async () => {
    await setBackend('cpu-async');
    setSeed(5);
    const m = classifier();
    const { x, y } = classData(8, 2);
    const xt = tensor(x);
    const yt = tensor(y);
    const weights = await readAll(m.getWeights());
    const before = memory().numTensors;
    expect(() => m.trainOnBatch(xt, yt)).toThrow(
      "trainOnBatch: backend 'cpu-async' cannot read values synchronously, and trainOnBatch returns its numbers synchronously; use the asynchronous 'await model.fit(x, y, { epochs: 1, batchSize: n })' instead",
    );
    expect(() => m.testOnBatch(xt, yt)).toThrow("use the asynchronous 'await model.evaluate(x, y, { batchSize: n })' instead");
    expect(memory().numTensors).toBe(before);
    expect(await readAll(m.getWeights())).toEqual(weights);
    expect((m.optimizer as OptimizerLike).iterations).toBe(0);
    // The asynchronous route works on the same model.
    const h = await m.fit(xt, yt, { epochs: 1, batchSize: 8, verbose: 0 });
    expect(Number.isFinite(h.history.loss[0])).toBe(true);
    expect(await readAll(m.getWeights())).not.toEqual(weights);
    [xt, yt].forEach((t) => t.dispose());
  });

  test('NaN in the data is rejected with the same message as on the CPU', async () => {
    const failures = async (backendName: string): Promise<string[]> => {
      await setBackend(backendName);
      const m = classifier();
      const { x, y } = classData(6, 4);
      x[4][2] = NaN;
      const messages: string[] = [];
      for (const attempt of [() => m.fit(x, y, { verbose: 0 }), () => m.evaluate(x, y)]) {
        await attempt().then(
          () => messages.push('no error'),
          (e: Error) => messages.push(`${e.constructor.name}: ${e.message}`),
        );
      }
      return messages;
    };
    const sync = await failures('cpu');
    expect(sync[0]).toBe('NeuriteError: fit: x contains NaN at index [4, 2] (sample 4); data must be finite');
    expect(sync[1]).toBe('NeuriteError: evaluate: x contains NaN at index [4, 2] (sample 4); data must be finite');
    expect(await failures('cpu-async')).toEqual(sync);
  });
});
