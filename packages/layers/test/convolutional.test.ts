import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { tensor, transpose } from '@neurite/tensor';
import { Conv1D, Conv2D, Conv2DTranspose, DepthwiseConv2D, type Layer } from '../src/index.js';
import { runLayerTest } from './harness.js';

/** Deterministic pseudo-random values in [-1, 1) (a small LCG), independent of the library's RNG. */
function rand(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}

function close(actual: ArrayLike<number>, expected: number[], tol = 1e-4): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i]), `element ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i])));
  }
}

/** Padding before an axis for a forward conv from size `inSize`, as TF/Keras pad ('same': half, the extra one after). */
function padBefore(inSize: number, k: number, s: number, d: number, padding: string): number {
  if (padding === 'valid') return 0;
  const dk = (k - 1) * d + 1;
  if (padding === 'causal') return dk - 1;
  const out = Math.ceil(inSize / s);
  return Math.floor(Math.max((out - 1) * s + dk - inSize, 0) / 2);
}

function outSize(inSize: number, k: number, s: number, d: number, padding: string): number {
  const dk = (k - 1) * d + 1;
  return padding === 'valid' ? Math.floor((inSize - dk) / s) + 1 : Math.ceil(inSize / s);
}

interface Geometry {
  strides: [number, number];
  dilations: [number, number];
  padding: string;
}

/**
 * Plain-JS NHWC conv2d: x [n, h, w, c] flat, kernel [kh, kw, c, f] flat; `depthwise` reads kernel
 * [kh, kw, c, m] and writes channel c * m + q.
 */
function conv2dRef(x: number[], xs: number[], k: number[], ks: number[], g: Geometry, depthwise = false): { y: number[]; shape: number[] } {
  const [n, h, w, c] = xs;
  const [kh, kw, , last] = ks;
  const outC = depthwise ? c * last : last;
  const oh = outSize(h, kh, g.strides[0], g.dilations[0], g.padding);
  const ow = outSize(w, kw, g.strides[1], g.dilations[1], g.padding);
  const pt = padBefore(h, kh, g.strides[0], g.dilations[0], g.padding);
  const pl = padBefore(w, kw, g.strides[1], g.dilations[1], g.padding);
  const y = new Array<number>(n * oh * ow * outC).fill(0);
  for (let b = 0; b < n; b++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let a = 0; a < kh; a++)
          for (let e = 0; e < kw; e++) {
            const r = i * g.strides[0] + a * g.dilations[0] - pt;
            const col = j * g.strides[1] + e * g.dilations[1] - pl;
            if (r < 0 || r >= h || col < 0 || col >= w) continue;
            for (let ci = 0; ci < c; ci++) {
              const xv = x[((b * h + r) * w + col) * c + ci];
              for (let q = 0; q < last; q++) {
                const o = depthwise ? ci * last + q : q;
                y[((b * oh + i) * ow + j) * outC + o] += xv * k[((a * kw + e) * c + ci) * last + q];
              }
            }
          }
  return { y, shape: [n, oh, ow, outC] };
}

/** Plain-JS NHWC transposed conv: x [n, h, w, c], kernel [kh, kw, f, c]; each input pixel scatters its window. */
function conv2dTransposeRef(x: number[], xs: number[], k: number[], ks: number[], g: Geometry): { y: number[]; shape: number[] } {
  const [n, h, w, c] = xs;
  const [kh, kw, f] = ks;
  const outLen = (len: number, kk: number, s: number, d: number) => {
    const dk = (kk - 1) * d + 1;
    return g.padding === 'valid' ? len * s + Math.max(dk - s, 0) : len * s;
  };
  const oh = outLen(h, kh, g.strides[0], g.dilations[0]);
  const ow = outLen(w, kw, g.strides[1], g.dilations[1]);
  const pt = padBefore(oh, kh, g.strides[0], g.dilations[0], g.padding);
  const pl = padBefore(ow, kw, g.strides[1], g.dilations[1], g.padding);
  const y = new Array<number>(n * oh * ow * f).fill(0);
  for (let b = 0; b < n; b++)
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++)
        for (let a = 0; a < kh; a++)
          for (let e = 0; e < kw; e++) {
            const r = i * g.strides[0] + a * g.dilations[0] - pt;
            const col = j * g.strides[1] + e * g.dilations[1] - pl;
            if (r < 0 || r >= oh || col < 0 || col >= ow) continue;
            for (let ci = 0; ci < c; ci++)
              for (let o = 0; o < f; o++) {
                y[((b * oh + r) * ow + col) * f + o] += x[((b * h + i) * w + j) * c + ci] * k[((a * kw + e) * f + o) * c + ci];
              }
          }
  return { y, shape: [n, oh, ow, f] };
}

function addBias(y: number[], bias: number[]): number[] {
  return y.map((v, i) => v + bias[i % bias.length]);
}

/** Builds `layer` on x, sets [kernel, bias], and returns the output's values and shape. */
function runWith(layer: Layer, xVals: number[], xShape: number[], weights: { values: number[]; shape: number[] }[]) {
  const x = tensor(xVals, xShape);
  layer.apply(x).dispose();
  layer.setWeights(weights.map((w) => tensor(w.values, w.shape)));
  const y = layer.apply(x);
  const out = { values: Array.from(y.dataSync()), shape: [...y.shape] };
  y.dispose();
  x.dispose();
  layer.dispose();
  return out;
}

describe('Conv layers through the layer harness', () => {
  it('Conv1D', () => {
    runLayerTest({ layer: () => new Conv1D({ filters: 3, kernelSize: 2 }), inputShape: [2, 5, 4], expectedOutputShape: [2, 4, 3], expectedNumTrainableWeights: 2, expectedNumNonTrainableWeights: 0, expectedNumLosses: 0 });
    runLayerTest({ layer: () => new Conv1D({ filters: 2, kernelSize: 3, padding: 'causal', dilationRate: 2, useBias: false }), inputShape: [1, 6, 2], expectedOutputShape: [1, 6, 2], expectedNumTrainableWeights: 1, expectedNumNonTrainableWeights: 0 });
    runLayerTest({ layer: () => new Conv1D({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', dataFormat: 'channelsFirst', kernelRegularizer: 'l2' }), inputShape: [2, 3, 7], expectedOutputShape: [2, 4, 4], expectedNumTrainableWeights: 2, expectedNumNonTrainableWeights: 0, expectedNumLosses: 1 });
  });

  it('Conv2D', () => {
    runLayerTest({ layer: () => new Conv2D({ filters: 3, kernelSize: 3 }), inputShape: [2, 5, 6, 2], expectedOutputShape: [2, 3, 4, 3], expectedNumTrainableWeights: 2, expectedNumNonTrainableWeights: 0, expectedNumLosses: 0 });
    runLayerTest({ layer: () => new Conv2D({ filters: 2, kernelSize: [2, 3], strides: [2, 1], padding: 'same', activation: 'relu', biasRegularizer: 'l1' }), inputShape: [1, 5, 4, 3], expectedOutputShape: [1, 3, 4, 2], expectedNumTrainableWeights: 2, expectedNumNonTrainableWeights: 0, expectedNumLosses: 1 });
    runLayerTest({ layer: () => new Conv2D({ filters: 2, kernelSize: 2, dataFormat: 'channelsFirst', dilationRate: 2 }), inputShape: [2, 3, 5, 5], expectedOutputShape: [2, 2, 3, 3], expectedNumTrainableWeights: 2, expectedNumNonTrainableWeights: 0 });
  });

  it('Conv2DTranspose', () => {
    runLayerTest({ layer: () => new Conv2DTranspose({ filters: 3, kernelSize: 3, strides: 2 }), inputShape: [2, 3, 4, 2], expectedOutputShape: [2, 7, 9, 3], expectedNumTrainableWeights: 2, expectedNumNonTrainableWeights: 0, expectedNumLosses: 0 });
    runLayerTest({ layer: () => new Conv2DTranspose({ filters: 2, kernelSize: 2, strides: 2, padding: 'same', dataFormat: 'channelsFirst' }), inputShape: [1, 3, 2, 3], expectedOutputShape: [1, 2, 4, 6], expectedNumTrainableWeights: 2, expectedNumNonTrainableWeights: 0 });
  });

  it('DepthwiseConv2D', () => {
    runLayerTest({ layer: () => new DepthwiseConv2D({ kernelSize: 3, depthMultiplier: 2 }), inputShape: [2, 5, 5, 3], expectedOutputShape: [2, 3, 3, 6], expectedNumTrainableWeights: 2, expectedNumNonTrainableWeights: 0, expectedNumLosses: 0 });
    runLayerTest({ layer: () => new DepthwiseConv2D({ kernelSize: 2, strides: 2, padding: 'same', dataFormat: 'channelsFirst', depthwiseRegularizer: 'l2', useBias: false }), inputShape: [1, 2, 5, 4], expectedOutputShape: [1, 2, 3, 2], expectedNumTrainableWeights: 1, expectedNumNonTrainableWeights: 0, expectedNumLosses: 1 });
  });
});

describe('Conv values against plain-JS references', () => {
  const cases: { padding: 'valid' | 'same'; strides: [number, number]; dilations: [number, number] }[] = [
    { padding: 'valid', strides: [1, 1], dilations: [1, 1] },
    { padding: 'same', strides: [2, 1], dilations: [1, 1] },
    { padding: 'same', strides: [1, 1], dilations: [2, 1] },
    { padding: 'valid', strides: [2, 3], dilations: [1, 1] },
  ];

  it('Conv2D (channelsLast and channelsFirst)', () => {
    cases.forEach((g, idx) => {
      const xs = [2, 5, 6, 3];
      const ks = [3, 2, 3, 4];
      const x = rand(xs.reduce((a, b) => a * b), 10 + idx);
      const k = rand(ks.reduce((a, b) => a * b), 20 + idx);
      const bias = rand(4, 30 + idx);
      const ref = conv2dRef(x, xs, k, ks, g);
      const args = { filters: 4, kernelSize: [3, 2], strides: g.strides, padding: g.padding, dilationRate: g.dilations };
      const last = runWith(new Conv2D(args), x, xs, [{ values: k, shape: ks }, { values: bias, shape: [4] }]);
      expect(last.shape).toEqual(ref.shape);
      close(last.values, addBias(ref.y, bias));
      // channelsFirst: the same numbers, laid out NCHW.
      const xNCHW = transpose(tensor(x, xs), { perm: [0, 3, 1, 2] });
      const first = runWith(new Conv2D({ ...args, dataFormat: 'channelsFirst' }), Array.from(xNCHW.dataSync()), [...xNCHW.shape], [{ values: k, shape: ks }, { values: bias, shape: [4] }]);
      xNCHW.dispose();
      const expected = transpose(tensor(addBias(ref.y, bias), ref.shape), { perm: [0, 3, 1, 2] });
      expect(first.shape).toEqual([...expected.shape]);
      close(first.values, Array.from(expected.dataSync()));
      expected.dispose();
    });
  });

  it('Conv1D, including causal padding', () => {
    for (const [padding, stride, dilation] of [['valid', 1, 1], ['same', 2, 1], ['causal', 1, 2], ['causal', 2, 1]] as const) {
      const xs = [2, 7, 3];
      const ks = [3, 3, 2];
      const x = rand(42, stride * 7 + dilation);
      const k = rand(18, 5);
      const bias = [0.5, -0.25];
      // A conv1d is a conv2d over a height of 1; causal = left padding of (k - 1) * d, then 'valid'.
      const g = { padding: padding === 'causal' ? 'valid' : padding, strides: [1, stride] as [number, number], dilations: [1, dilation] as [number, number] };
      let xRef = x;
      let width = 7;
      if (padding === 'causal') {
        const pad = (3 - 1) * dilation;
        width = 7 + pad;
        xRef = [];
        for (let b = 0; b < 2; b++) {
          for (let p = 0; p < pad * 3; p++) xRef.push(0);
          xRef.push(...x.slice(b * 21, b * 21 + 21));
        }
      }
      const ref = conv2dRef(xRef, [2, 1, width, 3], k, [1, 3, 3, 2], g);
      const out = runWith(new Conv1D({ filters: 2, kernelSize: 3, strides: stride, padding, dilationRate: dilation }), x, xs, [{ values: k, shape: ks }, { values: bias, shape: [2] }]);
      expect(out.shape).toEqual([2, ref.shape[2], 2]);
      close(out.values, addBias(ref.y, bias));
    }
  });

  it('Conv2DTranspose (valid and same, strides and dilations)', () => {
    const geometries: Geometry[] = [
      { padding: 'valid', strides: [2, 2], dilations: [1, 1] },
      { padding: 'same', strides: [2, 3], dilations: [1, 1] },
      { padding: 'valid', strides: [1, 1], dilations: [2, 1] },
      { padding: 'same', strides: [1, 1], dilations: [1, 1] },
      { padding: 'valid', strides: [3, 3], dilations: [1, 1] },
    ];
    geometries.forEach((g, idx) => {
      const xs = [2, 3, 4, 2];
      const ks = [3, 2, 3, 2];
      const x = rand(48, 40 + idx);
      const k = rand(36, 50 + idx);
      const bias = [0.1, 0.2, 0.3];
      const ref = conv2dTransposeRef(x, xs, k, ks, g);
      const out = runWith(
        new Conv2DTranspose({ filters: 3, kernelSize: [3, 2], strides: g.strides, padding: g.padding as 'valid' | 'same', dilationRate: g.dilations }),
        x, xs, [{ values: k, shape: ks }, { values: bias, shape: [3] }],
      );
      expect(out.shape).toEqual(ref.shape);
      close(out.values, addBias(ref.y, bias));
    });
  });

  it('DepthwiseConv2D', () => {
    cases.forEach((g, idx) => {
      const xs = [1, 5, 6, 2];
      const ks = [2, 3, 2, 3];
      const x = rand(60, 60 + idx);
      const k = rand(36, 70 + idx);
      const bias = rand(6, 80 + idx);
      const ref = conv2dRef(x, xs, k, ks, g, true);
      const out = runWith(
        new DepthwiseConv2D({ kernelSize: [2, 3], depthMultiplier: 3, strides: g.strides, padding: g.padding, dilationRate: g.dilations }),
        x, xs, [{ values: k, shape: ks }, { values: bias, shape: [6] }],
      );
      expect(out.shape).toEqual(ref.shape);
      close(out.values, addBias(ref.y, bias));
    });
  });
});

describe('Conv argument and input checks', () => {
  it('rejects bad constructor arguments, naming them', () => {
    expect(() => new Conv2D({ filters: 0, kernelSize: 3 })).toThrow('Conv2D: filters must be a positive integer. Received: filters=0');
    expect(() => new Conv2D({ filters: 2, kernelSize: 0 })).toThrow(/Conv2D: kernelSize must be .*Received: kernelSize=0/);
    expect(() => new Conv2D({ filters: 2, kernelSize: [2, 2, 2] })).toThrow(/Received: kernelSize=\[2,2,2\]/);
    expect(() => new Conv1D({ filters: 2, kernelSize: 2, strides: -1 })).toThrow(/Conv1D: strides must be .*Received: strides=-1/);
    expect(() => new Conv2D({ filters: 2, kernelSize: 2, padding: 'causal' })).toThrow(/Conv2D: padding must be 'valid' or 'same'. Received: padding='causal'/);
    expect(() => new Conv2D({ filters: 2, kernelSize: 2, padding: 'full' as never })).toThrow(/Received: padding='full'/);
    expect(() => new Conv2D({ filters: 2, kernelSize: 2, dataFormat: 'channels_last' as never })).toThrow(/Conv2D: dataFormat must be 'channelsLast' or 'channelsFirst'. Received: dataFormat='channels_last'/);
    expect(() => new Conv2D({ filters: 2, kernelSize: 2, groups: 2 })).toThrow(/Conv2D: groups other than 1 .*not supported yet. Received: groups=2/);
    expect(() => new Conv2D({ filters: 2, kernelSize: 2, strides: 2, dilationRate: 2 })).toThrow(/Conv2D: strides > 1 cannot be combined with dilationRate > 1/);
    expect(() => new Conv2DTranspose({ filters: 2, kernelSize: 2, outputPadding: 1 as never })).toThrow(/Conv2DTranspose: outputPadding must be null .*Received: outputPadding=1/);
    expect(() => new DepthwiseConv2D({ kernelSize: 2, depthMultiplier: 0 })).toThrow(/DepthwiseConv2D: depthMultiplier must be a positive integer. Received: depthMultiplier=0/);
  });

  it('rejects inputs of the wrong rank, unknown channels, too-small inputs and changed channel counts', () => {
    const conv = new Conv2D({ filters: 2, kernelSize: 3 });
    expect(() => conv.apply(tensor(rand(12, 1), [1, 3, 4]))).toThrow('Conv2D: expected input of rank 4 ([batch, height, width, channels]). Received: shape=[1, 3, 4]');
    expect(() => conv.computeOutputShape([null, 4, 4, null])).toThrow(/channel axis of the input must be known.*Received: shape=\[null, 4, 4, null\]/);
    expect(() => conv.computeOutputShape([null, 2, 4, 1])).toThrow(/window does not fit.*Received: shape=\[null, 2, 4, 1\]/);
    expect(conv.built).toBe(false);
    conv.apply(tensor(rand(32, 2), [2, 4, 4, 1])).dispose();
    expect(() => conv.apply(tensor(rand(32, 2), [1, 4, 4, 2]))).toThrow(/with 1 channels .*Received: shape=\[1, 4, 4, 2\]/);
    expect(conv.computeOutputShape([null, null, 9, 1])).toEqual([null, null, 7, 2]);
    conv.dispose();
    const c1 = new Conv1D({ filters: 1, kernelSize: 2, dataFormat: 'channelsFirst' });
    expect(() => c1.apply(tensor([1, 2, 3, 4], [2, 2]))).toThrow('Conv1D: expected input of rank 3 ([batch, channels, steps]). Received: shape=[2, 2]');
  });

  it('getConfig holds every argument as Keras does (tuples as arrays)', () => {
    const layer = new Conv2D({ filters: 4, kernelSize: 3, strides: [1, 1], name: 'c' });
    expect(layer.getConfig()).toEqual({
      name: 'c', trainable: true, dtype: 'float32',
      filters: 4, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', dataFormat: 'channelsLast', dilationRate: [1, 1],
      activation: 'linear', useBias: true, groups: 1,
      biasInitializer: { className: 'Zeros', config: {} }, biasRegularizer: null, biasConstraint: null,
      kernelInitializer: { className: 'GlorotUniform', config: { seed: null } }, kernelRegularizer: null, kernelConstraint: null,
    });
    const dw = new DepthwiseConv2D({ kernelSize: 2 }).getConfig();
    expect(Object.keys(dw)).toEqual(expect.arrayContaining(['depthMultiplier', 'depthwiseInitializer', 'depthwiseRegularizer', 'depthwiseConstraint']));
    expect(new Conv2DTranspose({ filters: 1, kernelSize: 2 }).getConfig().outputPadding).toBeNull();
    expect(new Conv1D({ filters: 1, kernelSize: 5 }).getConfig().kernelSize).toEqual([5]);
  });
});
