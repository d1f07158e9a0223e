import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { tensor, transpose } from '@neurite/tensor';
import {
  AveragePooling1D, AveragePooling2D, GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D,
  GlobalMaxPooling2D, MaxPooling1D, MaxPooling2D,
} from '../src/index.js';
import { runLayerTest } from './harness.js';

/** Deterministic pseudo-random values in [-1, 1) (a small LCG), independent of the library's RNG. */
function rand(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}

function close(actual: ArrayLike<number>, expected: number[], tol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i]), `element ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(tol);
  }
}

/**
 * Plain-JS NHWC pooling: 'same' pads as TF (half before, the extra one after) and both max and average see
 * only the in-bounds elements of a window.
 */
function poolRef(x: number[], [n, h, w, c]: number[], [ph, pw]: number[], [sh, sw]: number[], padding: string, mode: 'max' | 'avg') {
  const size = (len: number, p: number, s: number) => (padding === 'valid' ? Math.floor((len - p) / s) + 1 : Math.ceil(len / s));
  const before = (len: number, p: number, s: number, out: number) => (padding === 'valid' ? 0 : Math.floor(Math.max((out - 1) * s + p - len, 0) / 2));
  const oh = size(h, ph, sh);
  const ow = size(w, pw, sw);
  const top = before(h, ph, sh, oh);
  const left = before(w, pw, sw, ow);
  const y: number[] = [];
  for (let b = 0; b < n; b++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let ch = 0; ch < c; ch++) {
          const seen: number[] = [];
          for (let a = 0; a < ph; a++)
            for (let e = 0; e < pw; e++) {
              const r = i * sh + a - top;
              const col = j * sw + e - left;
              if (r >= 0 && r < h && col >= 0 && col < w) seen.push(x[((b * h + r) * w + col) * c + ch]);
            }
          y.push(mode === 'max' ? Math.max(...seen) : seen.reduce((s, v) => s + v, 0) / seen.length);
        }
  return { y, shape: [n, oh, ow, c] };
}

describe('pooling layers through the layer harness', () => {
  const none = { expectedNumTrainableWeights: 0, expectedNumNonTrainableWeights: 0, expectedNumLosses: 0 };
  it('windowed pools', () => {
    runLayerTest({ layer: () => new MaxPooling1D(), inputShape: [2, 7, 3], expectedOutputShape: [2, 3, 3], ...none });
    runLayerTest({ layer: () => new AveragePooling1D({ poolSize: 3, strides: 1, padding: 'same', dataFormat: 'channelsFirst' }), inputShape: [2, 3, 5], expectedOutputShape: [2, 3, 5], ...none });
    runLayerTest({ layer: () => new MaxPooling2D({ poolSize: [2, 3], padding: 'same' }), inputShape: [1, 5, 7, 2], expectedOutputShape: [1, 3, 3, 2], ...none });
    runLayerTest({ layer: () => new AveragePooling2D({ strides: 1, dataFormat: 'channelsFirst' }), inputShape: [2, 3, 4, 4], expectedOutputShape: [2, 3, 3, 3], ...none });
  });

  it('global pools, with and without keepdims', () => {
    runLayerTest({ layer: () => new GlobalAveragePooling1D(), inputShape: [2, 5, 3], expectedOutputShape: [2, 3], ...none });
    runLayerTest({ layer: () => new GlobalMaxPooling1D({ dataFormat: 'channelsFirst', keepdims: true }), inputShape: [2, 4, 6], expectedOutputShape: [2, 4, 1], ...none });
    runLayerTest({ layer: () => new GlobalAveragePooling2D({ keepdims: true }), inputShape: [2, 3, 4, 5], expectedOutputShape: [2, 1, 1, 5], ...none });
    runLayerTest({ layer: () => new GlobalMaxPooling2D({ dataFormat: 'channelsFirst' }), inputShape: [2, 3, 4, 5], expectedOutputShape: [2, 3], ...none });
  });
});

describe('pooling values against plain-JS references', () => {
  const geometries: { pool: number[]; strides: number[]; padding: 'valid' | 'same' }[] = [
    { pool: [2, 2], strides: [2, 2], padding: 'valid' },
    { pool: [3, 2], strides: [1, 2], padding: 'same' },
    { pool: [2, 3], strides: [2, 2], padding: 'same' },
    { pool: [3, 3], strides: [2, 1], padding: 'valid' },
  ];
  it('MaxPooling2D and AveragePooling2D, channelsLast and channelsFirst', () => {
    geometries.forEach((g, idx) => {
      const xs = [2, 5, 6, 3];
      const xv = rand(180, idx + 1);
      for (const [Cls, mode] of [[MaxPooling2D, 'max'], [AveragePooling2D, 'avg']] as const) {
        const ref = poolRef(xv, xs, g.pool, g.strides, g.padding, mode);
        const x = tensor(xv, xs);
        const y = new Cls({ poolSize: g.pool, strides: g.strides, padding: g.padding }).apply(x);
        expect([...y.shape]).toEqual(ref.shape);
        close(y.dataSync(), ref.y);
        const xFirst = transpose(x, { perm: [0, 3, 1, 2] });
        const yFirst = new Cls({ poolSize: g.pool, strides: g.strides, padding: g.padding, dataFormat: 'channelsFirst' }).apply(xFirst);
        const expected = transpose(tensor(ref.y, ref.shape), { perm: [0, 3, 1, 2] });
        expect([...yFirst.shape]).toEqual([...expected.shape]);
        close(yFirst.dataSync(), Array.from(expected.dataSync()));
        [x, y, xFirst, yFirst, expected].forEach((t) => t.dispose());
      }
    });
  });

  it('MaxPooling1D and AveragePooling1D', () => {
    for (const [pool, stride, padding] of [[2, 2, 'valid'], [3, 1, 'same'], [3, 2, 'same'], [4, 3, 'valid']] as const) {
      const xv = rand(2 * 9 * 2, pool * 10 + stride);
      for (const [Cls, mode] of [[MaxPooling1D, 'max'], [AveragePooling1D, 'avg']] as const) {
        const ref = poolRef(xv, [2, 1, 9, 2], [1, pool], [1, stride], padding, mode);
        const y = new Cls({ poolSize: pool, strides: stride, padding }).apply(tensor(xv, [2, 9, 2]));
        expect([...y.shape]).toEqual([2, ref.shape[2], 2]);
        close(y.dataSync(), ref.y);
        y.dispose();
      }
    }
  });

  it('global pools', () => {
    const xv = rand(2 * 3 * 4 * 2, 9);
    const x = tensor(xv, [2, 3, 4, 2]);
    const perChannel = (b: number, ch: number) => Array.from({ length: 12 }, (_, p) => xv[(b * 12 + p) * 2 + ch]);
    const mean = (v: number[]) => v.reduce((s, e) => s + e, 0) / v.length;
    close(new GlobalAveragePooling2D().apply(x).dataSync(), [mean(perChannel(0, 0)), mean(perChannel(0, 1)), mean(perChannel(1, 0)), mean(perChannel(1, 1))]);
    close(new GlobalMaxPooling2D().apply(x).dataSync(), [Math.max(...perChannel(0, 0)), Math.max(...perChannel(0, 1)), Math.max(...perChannel(1, 0)), Math.max(...perChannel(1, 1))]);
    // channelsFirst 1-D: [batch, channels, steps] reduces the last axis.
    const seq = tensor([1, 5, 3, -2, -4, 0], [1, 2, 3]);
    close(new GlobalMaxPooling1D({ dataFormat: 'channelsFirst' }).apply(seq).dataSync(), [5, 0]);
    close(new GlobalAveragePooling1D().apply(seq).dataSync(), [(1 + -2) / 2, (5 - 4) / 2, (3 + 0) / 2]);
  });
});

describe('pooling argument and input checks', () => {
  it('rejects bad arguments', () => {
    expect(() => new MaxPooling2D({ poolSize: 0 })).toThrow(/MaxPooling2D: poolSize must be .*Received: poolSize=0/);
    expect(() => new MaxPooling1D({ poolSize: [2, 2] })).toThrow(/MaxPooling1D: poolSize must be .*Received: poolSize=\[2,2\]/);
    expect(() => new AveragePooling2D({ strides: [1, 0] })).toThrow(/Received: strides=\[1,0\]/);
    expect(() => new AveragePooling1D({ padding: 'causal' as never })).toThrow(/AveragePooling1D: padding must be 'valid' or 'same'. Received: padding='causal'/);
    expect(() => new GlobalMaxPooling2D({ keepdims: 1 as never })).toThrow(/GlobalMaxPooling2D: keepdims must be a boolean. Received: keepdims=1/);
    expect(() => new GlobalAveragePooling1D({ dataFormat: 'NCW' as never })).toThrow(/Received: dataFormat='NCW'/);
  });

  it('rejects inputs of the wrong rank or too small for the window', () => {
    expect(() => new MaxPooling2D().apply(tensor([1, 2, 3, 4], [1, 2, 2]))).toThrow('MaxPooling2D: expected input of rank 4 ([batch, height, width, channels]). Received: shape=[1, 2, 2]');
    expect(() => new MaxPooling1D({ poolSize: 4 }).apply(tensor([1, 2, 3], [1, 3, 1]))).toThrow(/window does not fit.*Received: shape=\[1, 3, 1\]/);
    expect(() => new GlobalAveragePooling2D().computeOutputShape([null, 3, 4])).toThrow(/GlobalAveragePooling2D: expected input of rank 4 .*Received: shape=\[null, 3, 4\]/);
    expect(new MaxPooling2D({ poolSize: 3, strides: 2, padding: 'same' }).computeOutputShape([null, null, 7, 4])).toEqual([null, null, 4, 4]);
  });

  it('strides default to the pool size, and the config says so', () => {
    expect(new MaxPooling2D({ poolSize: [3, 2] }).getConfig()).toMatchObject({ poolSize: [3, 2], strides: [3, 2], padding: 'valid', dataFormat: 'channelsLast' });
    expect(new AveragePooling1D().getConfig()).toMatchObject({ poolSize: [2], strides: [2] });
    expect(new GlobalMaxPooling1D().getConfig()).toMatchObject({ dataFormat: 'channelsLast', keepdims: false });
  });
});
