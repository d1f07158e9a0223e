import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { grad, memory, sum, tensor, type Tensor } from '@neurite/tensor';
import { BatchNormalization, LayerNormalization } from '../src/index.js';
import { runLayerTest } from './harness.js';

/** Deterministic pseudo-random values in [lo, hi) (a small LCG), independent of the library's RNG. */
function rand(n: number, seed: number, lo = -1, hi = 1): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return lo + (s / 2 ** 32) * (hi - lo);
  });
}

function close(actual: ArrayLike<number>, expected: number[], tol = 1e-4): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i]), `element ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i])));
  }
}

/** Per-feature (last axis) biased mean and variance of rows x [rows, features]. */
function moments(x: number[], features: number): { mean: number[]; variance: number[] } {
  const rows = x.length / features;
  const mean = new Array<number>(features).fill(0);
  const variance = new Array<number>(features).fill(0);
  for (let r = 0; r < rows; r++) for (let f = 0; f < features; f++) mean[f] += x[r * features + f] / rows;
  for (let r = 0; r < rows; r++) for (let f = 0; f < features; f++) variance[f] += (x[r * features + f] - mean[f]) ** 2 / rows;
  return { mean, variance };
}

function normalizeRef(x: number[], features: number, mean: number[], variance: number[], eps: number, gamma: number[], beta: number[]): number[] {
  return x.map((v, i) => {
    const f = i % features;
    return ((v - mean[f]) / Math.sqrt(variance[f] + eps)) * gamma[f] + beta[f];
  });
}

const values = (w: { read(): Tensor } | null) => Array.from((w as { read(): Tensor }).read().dataSync());

describe('BatchNormalization through the layer harness', () => {
  it('inference and training, every weight combination, channels-first axis', () => {
    runLayerTest({ layer: () => new BatchNormalization(), inputShape: [4, 3], expectedOutputShape: [4, 3], expectedNumTrainableWeights: 2, expectedNumNonTrainableWeights: 2, expectedNumLosses: 0 });
    runLayerTest({ layer: () => new BatchNormalization({ momentum: 0.5 }), inputShape: [4, 2, 3], expectedOutputShape: [4, 2, 3], expectedNumTrainableWeights: 2, expectedNumNonTrainableWeights: 2, training: true });
    runLayerTest({ layer: () => new BatchNormalization({ center: false }), inputShape: [4, 3], expectedOutputShape: [4, 3], expectedNumTrainableWeights: 1, expectedNumNonTrainableWeights: 2 });
    runLayerTest({ layer: () => new BatchNormalization({ scale: false, center: false }), inputShape: [4, 3], expectedOutputShape: [4, 3], expectedNumTrainableWeights: 0, expectedNumNonTrainableWeights: 2, training: true });
    runLayerTest({ layer: () => new BatchNormalization({ axis: 1, gammaRegularizer: 'l2', betaRegularizer: 'l1' }), inputShape: [2, 3, 4, 5], expectedOutputShape: [2, 3, 4, 5], expectedNumTrainableWeights: 2, expectedNumNonTrainableWeights: 2, expectedNumLosses: 2, training: true });
  });
});

describe('BatchNormalization semantics', () => {
  it('training: batch statistics, and moving = moving * momentum + batch * (1 - momentum)', () => {
    const features = 3;
    const layer = new BatchNormalization({ momentum: 0.9, epsilon: 1e-3 });
    let movingMean = [0, 0, 0];
    let movingVar = [1, 1, 1];
    for (let step = 0; step < 3; step++) {
      const xs = rand(5 * features, 10 + step, -2, 3);
      const { mean, variance } = moments(xs, features);
      const y = layer.apply(tensor(xs, [5, features]), { training: true });
      close(y.dataSync(), normalizeRef(xs, features, mean, variance, 1e-3, [1, 1, 1], [0, 0, 0]));
      movingMean = movingMean.map((m, f) => m * 0.9 + mean[f] * 0.1);
      movingVar = movingVar.map((v, f) => v * 0.9 + variance[f] * 0.1);
      close(values(layer.movingMean), movingMean);
      close(values(layer.movingVariance), movingVar);
      y.dispose();
    }
    // Inference uses the moving statistics and changes nothing.
    const xs = rand(2 * features, 99);
    const y = layer.apply(tensor(xs, [2, features]));
    close(y.dataSync(), normalizeRef(xs, features, movingMean, movingVar, 1e-3, [1, 1, 1], [0, 0, 0]));
    close(values(layer.movingMean), movingMean);
  });

  it('inference with given gamma, beta and moving statistics; the weights are in Keras order', () => {
    const layer = new BatchNormalization({ epsilon: 0.01 });
    const x = tensor(rand(8, 5), [4, 2]);
    layer.apply(x).dispose();
    expect(layer.weights.map((w) => w.name)).toEqual(['gamma', 'beta', 'moving_mean', 'moving_variance']);
    expect(layer.nonTrainableWeights.map((w) => w.name)).toEqual(['moving_mean', 'moving_variance']);
    const gamma = [2, -1];
    const beta = [0.5, 3];
    const mm = [0.1, -0.2];
    const mv = [0.5, 2];
    layer.setWeights([tensor(gamma), tensor(beta), tensor(mm), tensor(mv)]);
    const y = layer.apply(x, { training: false });
    close(y.dataSync(), normalizeRef(Array.from(x.dataSync()), 2, mm, mv, 0.01, gamma, beta));
  });

  it('a frozen layer (trainable = false) runs in inference mode even in training', () => {
    const layer = new BatchNormalization();
    const x = tensor(rand(12, 3, 0, 5), [4, 3]);
    layer.apply(x).dispose();
    layer.trainable = false;
    const y = layer.apply(x, { training: true });
    close(y.dataSync(), Array.from(x.dataSync()).map((v) => v / Math.sqrt(1 + 1e-3)));
    close(values(layer.movingMean), [0, 0, 0]);
    expect(layer.trainableWeights.length).toBe(0);
    expect(layer.nonTrainableWeights.length).toBe(4);
  });

  it('normalizes along any axis (axis 1 of a rank-4 input)', () => {
    const xs = rand(2 * 3 * 2 * 2, 17);
    // Move axis 1 last to compute the reference per channel.
    const perChannel: number[] = [];
    for (let b = 0; b < 2; b++) for (let h = 0; h < 2; h++) for (let w = 0; w < 2; w++) for (let c = 0; c < 3; c++) perChannel.push(xs[((b * 3 + c) * 2 + h) * 2 + w]);
    const { mean, variance } = moments(perChannel, 3);
    const y = new BatchNormalization({ axis: 1 }).apply(tensor(xs, [2, 3, 2, 2]), { training: true });
    const expected = xs.map((v, i) => {
      const c = Math.floor(i / 4) % 3;
      return (v - mean[c]) / Math.sqrt(variance[c] + 1e-3);
    });
    close(y.dataSync(), expected);
  });

  it('gradients flow in training mode (the sum of a normalized batch does not depend on x)', () => {
    const layer = new BatchNormalization();
    const x = tensor(rand(12, 8), [4, 3]);
    const before = memory().numTensors;
    const g = grad((t: Tensor) => sum(layer.apply(t, { training: true })))(x);
    close(g.dataSync(), new Array(12).fill(0), 1e-4);
    g.dispose();
    // Only the layer's four new weights remain.
    expect(memory().numTensors - before).toBe(4);
  });

  it('rejects bad arguments and inputs', () => {
    expect(() => new BatchNormalization({ momentum: 1.5 })).toThrow('BatchNormalization: momentum must be a number in [0, 1]. Received: momentum=1.5');
    expect(() => new BatchNormalization({ epsilon: 0 })).toThrow(/BatchNormalization: epsilon must be a number in \(0, Infinity\). Received: epsilon=0/);
    expect(() => new BatchNormalization({ axis: [1, 2] as never })).toThrow(/BatchNormalization: axis must be an integer. Received: axis=\[1,2\]/);
    expect(() => new BatchNormalization({ center: 'no' as never })).toThrow(/Received: center='no'/);
    expect(() => new BatchNormalization({ axis: 3 }).apply(tensor([1, 2], [1, 2]))).toThrow(/axis 3 is out of range for an input of rank 2.*Received: shape=\[1, 2\]/);
    expect(() => new BatchNormalization().computeOutputShape([null, null])).toThrow(/size of axis -1 must be known/);
    const layer = new BatchNormalization();
    layer.apply(tensor([1, 2, 3], [1, 3])).dispose();
    expect(() => layer.apply(tensor([1, 2], [1, 2]))).toThrow(/expected input with 3 features on axis -1.*Received: shape=\[1, 2\]/);
  });
});

describe('LayerNormalization', () => {
  it('through the layer harness', () => {
    runLayerTest({ layer: () => new LayerNormalization(), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 4], expectedNumTrainableWeights: 2, expectedNumNonTrainableWeights: 0, expectedNumLosses: 0 });
    runLayerTest({ layer: () => new LayerNormalization({ axis: [1, 2], center: false }), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 4], expectedNumTrainableWeights: 1, expectedNumNonTrainableWeights: 0 });
    runLayerTest({ layer: () => new LayerNormalization({ gammaRegularizer: 'l2', epsilon: 1e-5 }), inputShape: [3, 5], expectedOutputShape: [3, 5], expectedNumTrainableWeights: 2, expectedNumNonTrainableWeights: 0, expectedNumLosses: 1, training: true });
  });

  it('normalizes each sample over the last axis, then scales and shifts', () => {
    const layer = new LayerNormalization({ epsilon: 1e-3 });
    const xs = rand(3 * 4, 21, -3, 3);
    const x = tensor(xs, [3, 4]);
    layer.apply(x).dispose();
    const gamma = [1, 2, -1, 0.5];
    const beta = [0, 1, 2, 3];
    layer.setWeights([tensor(gamma), tensor(beta)]);
    const expected: number[] = [];
    for (let r = 0; r < 3; r++) {
      const row = xs.slice(r * 4, r * 4 + 4);
      const m = row.reduce((a, b) => a + b) / 4;
      const v = row.reduce((a, b) => a + (b - m) ** 2, 0) / 4;
      row.forEach((e, f) => expected.push(((e - m) / Math.sqrt(v + 1e-3)) * gamma[f] + beta[f]));
    }
    close(layer.apply(x, { training: true }).dataSync(), expected);
    close(layer.apply(x).dataSync(), expected);
  });

  it('over several axes: gamma has the shape of those axes', () => {
    const layer = new LayerNormalization({ axis: [-2, -1], center: false });
    const xs = rand(2 * 2 * 3, 5);
    const y = layer.apply(tensor(xs, [2, 2, 3]));
    expect([...layer.gamma!.shape]).toEqual([2, 3]);
    const expected: number[] = [];
    for (let b = 0; b < 2; b++) {
      const s = xs.slice(b * 6, b * 6 + 6);
      const m = s.reduce((a, c) => a + c) / 6;
      const v = s.reduce((a, c) => a + (c - m) ** 2, 0) / 6;
      s.forEach((e) => expected.push((e - m) / Math.sqrt(v + 1e-3)));
    }
    close(y.dataSync(), expected);
    expect(layer.getConfig().axis).toEqual([-2, -1]);
  });

  it('rejects bad arguments and inputs', () => {
    expect(() => new LayerNormalization({ axis: [] })).toThrow('LayerNormalization: axis must be an integer or a non-empty array of distinct integers. Received: axis=[]');
    expect(() => new LayerNormalization({ axis: 1.5 })).toThrow(/Received: axis=1.5/);
    expect(() => new LayerNormalization({ axis: [1, -1] }).apply(tensor([1, 2], [1, 2]))).toThrow(/same axis twice/);
    expect(() => new LayerNormalization({ axis: 0 }).apply(tensor([1, 2], [1, 2]))).toThrow(/axis 0 is out of range.*Received: shape=\[1, 2\]/);
    expect(() => new LayerNormalization({ epsilon: -1 })).toThrow(/Received: epsilon=-1/);
    const layer = new LayerNormalization();
    layer.apply(tensor([1, 2, 3], [1, 3])).dispose();
    expect(() => layer.apply(tensor([1, 2], [1, 2]))).toThrow(/Received: shape=\[1, 2\]/);
  });
});
