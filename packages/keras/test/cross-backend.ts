// One seeded training run (fit with validation, evaluate, predict) and its comparison between backends:
// shared by the Node test on the gpu.js Node modes and the browser test on WebGPU.
import { expect } from 'vitest';
import { layers, memory, optimizers, regularizers, sequential, setBackend, setSeed, tensor, type History, type Tensor } from '../src/index.js';

/** Deterministic inputs in [-1, 1) and one-hot labels of 3 classes from the first two features. */
function data(n: number): { x: number[][]; y: number[][] } {
  let s = 12345;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  const x = Array.from({ length: n }, () => Array.from({ length: 6 }, next));
  const y = x.map((r) => {
    const cls = r[0] > 0.3 ? 0 : r[1] > 0 ? 1 : 2;
    return [0, 1, 2].map((k) => (k === cls ? 1 : 0));
  });
  return { x, y };
}

export interface Run {
  history: History;
  evaluation: unknown;
  prediction: number[];
  leaked: number;
}

/** A Dense + Dropout + L2 classifier trained with Adam on `backendName`: everything it reports. */
export async function trainOn(backendName: string): Promise<Run> {
  await setBackend(backendName);
  setSeed(7);
  const model = sequential({
    layers: [
      layers.dense({ units: 16, inputShape: [6], activation: 'relu', kernelRegularizer: regularizers.l2({ l2: 1e-3 }) }),
      layers.dropout({ rate: 0.3, seed: 3 }),
      layers.dense({ units: 3, activation: 'softmax' }),
    ],
  });
  model.compile({ optimizer: optimizers.adam({ learningRate: 0.01 }), loss: 'categorical_crossentropy', metrics: ['accuracy'] });
  const { x, y } = data(96);
  const xt = tensor(x);
  const yt = tensor(y);
  const history = await model.fit(xt, yt, { epochs: 4, batchSize: 16, validationSplit: 0.25, seed: 11, verbose: 0 });
  const before = memory().numTensors;
  const evaluation = await model.evaluate(xt, yt, { batchSize: 32 });
  const predicted = model.predict(xt) as Tensor;
  const prediction = Array.from(await predicted.data());
  predicted.dispose();
  const leaked = memory().numTensors - before;
  xt.dispose();
  yt.dispose();
  model.dispose();
  return { history, evaluation, prediction, leaked };
}

/**
 * Expects `other` to match the CPU run within float32 tolerance: float32 sums in another order may flip
 * a sample that sits on a class boundary, so accuracies may differ by a sample or two, losses only by
 * rounding. Also that training moved the loss, and that nothing leaked.
 */
export function expectSameTraining(cpu: Run, other: Run, label: string): void {
  const tolerance = (key: string, v: number) => (key.includes('accuracy') ? 0.05 : 1e-3 + 1e-3 * Math.abs(v));
  expect(Object.keys(other.history.history)).toEqual(['loss', 'accuracy', 'val_loss', 'val_accuracy']);
  for (const [key, values] of Object.entries(cpu.history.history)) {
    const got = other.history.history[key];
    values.forEach((v, i) => expect(Math.abs(got[i] - v), `${key}[${i}]: ${label} ${got[i]}, cpu ${v}`).toBeLessThan(tolerance(key, v)));
  }
  // the comparison is not between two untrained models
  expect(cpu.history.history.loss[3]).toBeLessThan(cpu.history.history.loss[0]);
  const [ce, oe] = [cpu.evaluation as Record<string, number>, other.evaluation as Record<string, number>];
  expect(typeof oe).toBe('object');
  for (const key of Object.keys(ce)) expect(Math.abs(oe[key] - ce[key]), key).toBeLessThan(tolerance(key, ce[key]));
  expect(other.prediction.length).toBe(cpu.prediction.length);
  other.prediction.forEach((p, i) => expect(Math.abs(p - cpu.prediction[i])).toBeLessThan(1e-3));
  expect(cpu.leaked).toBe(0);
  expect(other.leaked).toBe(0);
}
