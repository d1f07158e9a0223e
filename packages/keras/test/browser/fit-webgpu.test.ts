// Runs in headless Chromium with WebGPU on SwiftShader: `pnpm --filter @neurite/keras test:browser`.
// WebGPU reads only asynchronously; this trains the same seeded model there and on the CPU backend.
import { beforeAll, expect, it } from 'vitest';
import { createGpuBackend, type GpuBackend } from '@neurite/backend-gpu';
// the package's whole public API, as an app in the browser imports it
import {
  backend, layers, memory, optimizers, regularizers, registerBackend, sequential, setBackend, setSeed, tensor,
  type History, type Tensor,
} from '../../src/index.js';

registerBackend('gpu-webgpu', () => createGpuBackend({ mode: 'webgpu', allowAsync: true }), 0);

beforeAll(async () => {
  await setBackend('gpu-webgpu');
  expect((backend() as GpuBackend).mode).toBe('webgpu');
  await setBackend('cpu');
});

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

interface Run {
  history: History;
  evaluation: unknown;
  prediction: number[];
  leaked: number;
}

async function trainOn(backendName: string): Promise<Run> {
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
  return { history, evaluation, prediction, leaked };
}

it('fit, evaluate and predict on WebGPU (async reads only) match the CPU backend within float32 tolerance', async () => {
  const cpu = await trainOn('cpu');
  const gpu = await trainOn('gpu-webgpu');
  // it really ran on the asynchronous backend
  const probe = tensor([1]);
  expect(() => probe.dataSync()).toThrow(/await/);
  probe.dispose();
  await setBackend('cpu');

  expect(Object.keys(gpu.history.history)).toEqual(['loss', 'accuracy', 'val_loss', 'val_accuracy']);
  // float32 sums in another order may flip a sample that sits on a class boundary: accuracies may differ
  // by a sample or two, losses by rounding only
  const tolerance = (key: string, v: number) => (key.includes('accuracy') ? 0.05 : 1e-3 + 1e-3 * Math.abs(v));
  for (const [key, values] of Object.entries(cpu.history.history)) {
    const got = gpu.history.history[key];
    values.forEach((v, i) => expect(Math.abs(got[i] - v), `${key}[${i}]: webgpu ${got[i]}, cpu ${v}`).toBeLessThan(tolerance(key, v)));
  }
  // training moved the loss: the comparison is not between two untrained models
  expect(cpu.history.history.loss[3]).toBeLessThan(cpu.history.history.loss[0]);
  expect(typeof gpu.evaluation).toBe('object');
  const [ce, ge] = [cpu.evaluation as Record<string, number>, gpu.evaluation as Record<string, number>];
  for (const key of Object.keys(ce)) expect(Math.abs(ge[key] - ce[key]), key).toBeLessThan(tolerance(key, ce[key]));
  expect(gpu.prediction.length).toBe(cpu.prediction.length);
  gpu.prediction.forEach((p, i) => expect(Math.abs(p - cpu.prediction[i])).toBeLessThan(1e-3));
  expect(cpu.leaked).toBe(0);
  expect(gpu.leaked).toBe(0);
});
