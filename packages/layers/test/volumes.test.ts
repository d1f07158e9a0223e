// SeparableConv1D/2D, Conv3D and the 3-D pooling layers (their TensorFlow.js agreement is in
// packages/keras/test/layers-tfjs.test.ts).
import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { reshape, sum, tensor, tidy, transpose, valueAndGrads, type Tensor } from '@neurite/tensor';
import {
  AveragePooling3D, Conv3D, GlobalAveragePooling3D, GlobalMaxPooling3D, MaxPooling3D, SeparableConv1D, SeparableConv2D, type Layer,
} from '../src/index.js';
import { runLayerTest } from './harness.js';

function rand(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

const none = { expectedNumTrainableWeights: 0, expectedNumNonTrainableWeights: 0 };

describe('volumes and separable convolutions: the layer harness', () => {
  const cases: [string, () => Layer, number[], number[], number][] = [
    ['SeparableConv1D', () => new SeparableConv1D({ filters: 4, kernelSize: 3, depthMultiplier: 2, padding: 'same' }), [2, 7, 3], [2, 7, 4], 3],
    ['SeparableConv1D channelsFirst', () => new SeparableConv1D({ filters: 2, kernelSize: 2, dataFormat: 'channelsFirst', useBias: false }), [2, 3, 6], [2, 2, 5], 2],
    ['SeparableConv2D', () => new SeparableConv2D({ filters: 4, kernelSize: 3, strides: 2 }), [2, 7, 7, 3], [2, 3, 3, 4], 3],
    ['Conv3D', () => new Conv3D({ filters: 2, kernelSize: 2, padding: 'same', dilationRate: [2, 1, 1] }), [1, 4, 3, 3, 2], [1, 4, 3, 3, 2], 2],
    ['Conv3D channelsFirst', () => new Conv3D({ filters: 3, kernelSize: [2, 1, 2], dataFormat: 'channelsFirst' }), [1, 2, 3, 4, 4], [1, 3, 2, 4, 3], 2],
  ];
  for (const [name, make, inputShape, expectedOutputShape, weights] of cases) {
    it(name, () => runLayerTest({ layer: make, inputShape, expectedOutputShape, expectedNumTrainableWeights: weights, expectedNumNonTrainableWeights: 0 }));
  }
  it('3-D pooling', () => {
    runLayerTest({ layer: () => new MaxPooling3D(), inputShape: [2, 4, 5, 4, 3], expectedOutputShape: [2, 2, 2, 2, 3], ...none });
    runLayerTest({ layer: () => new AveragePooling3D({ poolSize: 3, strides: 1, padding: 'same', dataFormat: 'channelsFirst' }), inputShape: [1, 2, 3, 3, 4], expectedOutputShape: [1, 2, 3, 3, 4], ...none });
    runLayerTest({ layer: () => new GlobalMaxPooling3D(), inputShape: [2, 3, 2, 2, 4], expectedOutputShape: [2, 4], ...none });
    runLayerTest({ layer: () => new GlobalAveragePooling3D({ keepdims: true }), inputShape: [2, 3, 2, 2, 4], expectedOutputShape: [2, 1, 1, 1, 4], ...none });
  });
});

describe('volumes and separable convolutions: values and gradients', () => {
  it('SeparableConv1D equals SeparableConv2D on a height-1 input with the same weights', () => {
    const one = new SeparableConv1D({ filters: 3, kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'same' });
    const two = new SeparableConv2D({ filters: 3, kernelSize: [1, 3], depthMultiplier: 2, strides: [1, 2], padding: 'same' });
    const x = tensor(rand(2 * 9 * 4, 1), [2, 9, 4]);
    one.build([...x.shape]);
    two.build([2, 1, 9, 4]);
    const w = one.weights.map((v, i) => rand(v.variable.size, 5 + i));
    one.setWeights(w.map((v, i) => tensor(v, [...one.weights[i].shape])));
    two.setWeights(w.map((v, i) => tensor(v, [...two.weights[i].shape])));
    const a = one.apply(x);
    const b = tidy(() => two.apply(reshape(x, [2, 1, 9, 4])));
    expect(maxDiff(a.dataSync(), b.dataSync())).toBeLessThan(1e-6);
    [x, a, b].forEach((t) => t.dispose());
    one.dispose();
    two.dispose();
  });

  it('Conv3D channelsFirst equals channelsLast on the transposed input', () => {
    const last = new Conv3D({ filters: 2, kernelSize: 2, strides: [1, 2, 1] });
    const first = new Conv3D({ filters: 2, kernelSize: 2, strides: [1, 2, 1], dataFormat: 'channelsFirst' });
    const x = tensor(rand(2 * 3 * 4 * 3 * 2, 3), [2, 3, 4, 3, 2]);
    last.build([...x.shape]);
    first.build([2, 2, 3, 4, 3]);
    const w = last.getWeights();
    first.setWeights(w);
    const a = last.apply(x);
    const b = tidy(() => transpose(first.apply(transpose(x, { perm: [0, 4, 1, 2, 3] })), { perm: [0, 2, 3, 4, 1] }));
    expect(maxDiff(a.dataSync(), b.dataSync())).toBeLessThan(1e-6);
    [x, a, b, ...w].forEach((t) => t.dispose());
    last.dispose();
    first.dispose();
  });

  for (const [name, make, shape] of [
    ['Conv3D', () => new Conv3D({ filters: 2, kernelSize: [2, 2, 1], padding: 'same' }), [1, 3, 3, 2, 2]],
    ['SeparableConv1D', () => new SeparableConv1D({ filters: 2, kernelSize: 2 }), [2, 4, 3]],
    ['AveragePooling3D', () => new AveragePooling3D({ poolSize: 2, strides: 1, padding: 'same' }), [1, 3, 2, 3, 2]],
    ['MaxPooling3D', () => new MaxPooling3D({ poolSize: [2, 1, 2] }), [1, 4, 2, 4, 1]],
  ] as const) {
    it(`${name}: the input gradient matches finite differences`, () => {
      const layer: Layer = make();
      const n = (shape as readonly number[]).reduce((a: number, b: number) => a * b, 1);
      // distinct values, so that a max pool's winners do not tie
      const xv = rand(n, 7).map((v, i) => v + i * 1e-3);
      layer.build([...shape]);
      if (layer.weights.length) layer.setWeights(layer.weights.map((w, i) => tensor(rand(w.variable.size, 30 + i), [...w.shape])));
      const r = tensor(rand(layer.computeOutputShape([...shape]).reduce((a: number, b) => a * (b as number), 1) as number, 9), layer.computeOutputShape([...shape]) as number[]);
      const f = (x: Tensor) => tidy(() => sum(layer.apply(x).mul(r)));
      const input = tensor(xv, [...shape]);
      const { value, grads } = valueAndGrads((x) => f(x))([input]);
      const h = 1e-3;
      const numeric = xv.map((_, i) => {
        const up = [...xv];
        const down = [...xv];
        up[i] += h;
        down[i] -= h;
        return tidy(() => (f(tensor(up, [...shape])).dataSync()[0] - f(tensor(down, [...shape])).dataSync()[0]) / (2 * h));
      });
      expect(maxDiff(grads[0].dataSync(), numeric)).toBeLessThan(5e-3);
      [input, value, r, ...grads].forEach((t) => t.dispose());
      layer.dispose();
    });
  }

  it('bad arguments get errors that name them', () => {
    expect(() => new Conv3D({ filters: 2, kernelSize: [2, 2] })).toThrow(/Conv3D: kernelSize must be a positive integer or an array of 3 positive integers/);
    expect(() => new Conv3D({ filters: 2, kernelSize: 2, groups: 2 })).toThrow(/Conv3D: groups other than 1 \(grouped convolution\) is not supported yet. Received: groups=2/);
    expect(() => new SeparableConv2D({ filters: 0, kernelSize: 2 })).toThrow(/SeparableConv2D: filters must be a positive integer/);
    expect(() => new MaxPooling3D({ poolSize: [2, 2] })).toThrow(/MaxPooling3D: poolSize must be/);
    const conv = new Conv3D({ filters: 1, kernelSize: 2 });
    const x = tensor(rand(2 * 3 * 3 * 3, 1), [2, 3, 3, 3]);
    expect(() => conv.apply(x)).toThrow(/Conv3D: expected input of rank 5 \(\[batch, depth, height, width, channels\]\)/);
    x.dispose();
  });
});
