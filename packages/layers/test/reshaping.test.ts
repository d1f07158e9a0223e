import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { tensor } from '@neurite/tensor';
import {
  Cropping1D, Cropping2D, Flatten, Permute, RepeatVector, Rescaling, Reshape, UpSampling1D, UpSampling2D, ZeroPadding1D, ZeroPadding2D,
  type Layer,
} from '../src/index.js';
import { runLayerTest } from './harness.js';

const none = { expectedNumTrainableWeights: 0, expectedNumNonTrainableWeights: 0, expectedNumLosses: 0 };

describe('Flatten', () => {
  it('through the harness', () => {
    runLayerTest({ layer: () => new Flatten(), inputShape: [2, 3, 4], expectedOutputShape: [2, 12], ...none });
    runLayerTest({ layer: () => new Flatten({ dataFormat: 'channelsFirst' }), inputShape: [2, 3, 2, 2], expectedOutputShape: [2, 12], ...none });
    runLayerTest({ layer: () => new Flatten(), inputShape: [3], expectedOutputShape: [3, 1], ...none });
  });

  it('keeps row-major order; channelsFirst moves the channels last first', () => {
    // x[b, c, h, w] = 1000b + 100c + 10h + w
    const values: number[] = [];
    for (let b = 0; b < 2; b++) for (let c = 0; c < 3; c++) for (let h = 0; h < 2; h++) for (let w = 0; w < 2; w++) values.push(1000 * b + 100 * c + 10 * h + w);
    const x = tensor(values, [2, 3, 2, 2]);
    expect(Array.from(new Flatten().apply(x).dataSync())).toEqual(values);
    const expected: number[] = [];
    for (let b = 0; b < 2; b++) for (let h = 0; h < 2; h++) for (let w = 0; w < 2; w++) for (let c = 0; c < 3; c++) expected.push(1000 * b + 100 * c + 10 * h + w);
    expect(Array.from(new Flatten({ dataFormat: 'channelsFirst' }).apply(x).dataSync())).toEqual(expected);
  });

  it('output shape with unknown axes, and argument checks', () => {
    expect(new Flatten().computeOutputShape([null, 3, null])).toEqual([null, null]);
    expect(new Flatten().computeOutputShape([5, 3, 2])).toEqual([5, 6]);
    expect(() => new Flatten({ dataFormat: 'last' as never })).toThrow("Flatten: dataFormat must be 'channelsLast' or 'channelsFirst'. Received: dataFormat='last'");
    expect(new Flatten().getConfig()).toMatchObject({ dataFormat: 'channelsLast' });
  });
});

describe('Reshape', () => {
  it('through the harness, with and without -1', () => {
    runLayerTest({ layer: () => new Reshape({ targetShape: [3, 4] }), inputShape: [2, 12], expectedOutputShape: [2, 3, 4], ...none });
    runLayerTest({ layer: () => new Reshape({ targetShape: [-1, 2] }), inputShape: [2, 3, 4], expectedOutputShape: [2, 6, 2], ...none });
    runLayerTest({ layer: () => new Reshape({ targetShape: [2, -1, 3] }), inputShape: [1, 12], expectedOutputShape: [1, 2, 2, 3], ...none });
  });

  it('keeps the order of the elements', () => {
    const y = new Reshape({ targetShape: [2, 3] }).apply(tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [2, 6]));
    expect(y.arraySync()).toEqual([[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]]);
  });

  it('unknown sizes stay null; incompatible sizes and bad targets are errors', () => {
    const layer = new Reshape({ targetShape: [-1, 4] });
    expect(layer.computeOutputShape([null, null, 4])).toEqual([null, null, 4]);
    expect(layer.computeOutputShape([null, 3, 4])).toEqual([null, 3, 4]);
    expect(() => layer.computeOutputShape([null, 5])).toThrow("Reshape: the input's 5 elements per sample cannot be reshaped to targetShape [-1, 4]. Received: shape=[null, 5]");
    expect(() => new Reshape({ targetShape: [3, 3] }).apply(tensor([1, 2, 3, 4], [1, 4]))).toThrow(/cannot be reshaped.*Received: shape=\[1, 4\]/);
    expect(() => new Reshape({ targetShape: [-1, -1] })).toThrow('Reshape: targetShape must be an array of positive integers with at most one -1. Received: targetShape=[-1,-1]');
    expect(() => new Reshape({ targetShape: [0, 2] })).toThrow(/Received: targetShape=\[0,2\]/);
    expect(() => new Reshape({} as never)).toThrow(/Received: targetShape=undefined/);
    expect(new Reshape({ targetShape: [-1, 2] }).getConfig()).toMatchObject({ targetShape: [-1, 2] });
  });
});

describe('padding, cropping, upsampling, RepeatVector, Permute, Rescaling', () => {
  const harness: [string, () => Layer, number[], number[]][] = [
    ['ZeroPadding1D', () => new ZeroPadding1D({ padding: [1, 2] }), [2, 4, 3], [2, 7, 3]],
    ['ZeroPadding2D', () => new ZeroPadding2D({ padding: [[1, 0], [2, 3]] }), [2, 3, 4, 2], [2, 4, 9, 2]],
    ['ZeroPadding2D channelsFirst', () => new ZeroPadding2D({ padding: 1, dataFormat: 'channelsFirst' }), [2, 2, 3, 4], [2, 2, 5, 6]],
    ['Cropping1D', () => new Cropping1D({ cropping: [1, 2] }), [2, 6, 3], [2, 3, 3]],
    ['Cropping2D', () => new Cropping2D({ cropping: [1, 2] }), [2, 5, 6, 2], [2, 3, 2, 2]],
    ['UpSampling1D', () => new UpSampling1D({ size: 3 }), [2, 4, 3], [2, 12, 3]],
    ['UpSampling2D', () => new UpSampling2D({ size: [2, 3] }), [2, 3, 2, 2], [2, 6, 6, 2]],
    ['UpSampling2D channelsFirst', () => new UpSampling2D({ dataFormat: 'channelsFirst' }), [1, 2, 3, 3], [1, 2, 6, 6]],
    ['RepeatVector', () => new RepeatVector({ n: 4 }), [3, 5], [3, 4, 5]],
    ['Permute', () => new Permute({ dims: [3, 1, 2] }), [2, 3, 4, 5], [2, 5, 3, 4]],
    ['Rescaling', () => new Rescaling({ scale: 1 / 255, offset: -0.5 }), [2, 3], [2, 3]],
  ];
  for (const [name, make, inputShape, expectedOutputShape] of harness) {
    it(`${name}: the layer harness`, () => {
      runLayerTest({ layer: make, inputShape, expectedOutputShape, expectedNumTrainableWeights: 0, expectedNumNonTrainableWeights: 0 });
    });
  }

  const run = (layer: Layer, values: number[], shape: number[]): number[] => {
    const x = tensor(values, shape);
    const y = layer.apply(x);
    const out = Array.from(y.dataSync());
    x.dispose();
    y.dispose();
    return out;
  };

  it('compute the values Keras does', () => {
    expect(run(new ZeroPadding1D({ padding: [1, 2] }), [1, 2], [1, 2, 1])).toEqual([0, 1, 2, 0, 0]);
    expect(run(new ZeroPadding2D({ padding: [[1, 0], [0, 1]] }), [1, 2, 3, 4], [1, 2, 2, 1])).toEqual([0, 0, 0, 1, 2, 0, 3, 4, 0]);
    expect(run(new Cropping1D({ cropping: [1, 1] }), [1, 2, 3, 4], [1, 4, 1])).toEqual([2, 3]);
    expect(run(new Cropping2D({ cropping: [[1, 0], [0, 1]] }), [1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1])).toEqual([4, 5, 7, 8]);
    expect(run(new UpSampling1D({ size: 2 }), [1, 2, 3, 4], [1, 2, 2])).toEqual([1, 2, 1, 2, 3, 4, 3, 4]);
    expect(run(new UpSampling2D({ size: 2 }), [1, 2, 3, 4], [1, 2, 2, 1])).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
    expect(run(new RepeatVector({ n: 2 }), [1, 2, 3, 4], [2, 2])).toEqual([1, 2, 1, 2, 3, 4, 3, 4]);
    expect(run(new Permute({ dims: [2, 1] }), [1, 2, 3, 4, 5, 6], [1, 2, 3])).toEqual([1, 4, 2, 5, 3, 6]);
    expect(run(new Rescaling({ scale: 0.5, offset: 1 }), [2, 4], [1, 2])).toEqual([2, 3]);
  });

  it('refuse bad arguments, naming them', () => {
    expect(() => new ZeroPadding2D({ padding: [1, 2, 3] })).toThrow(/ZeroPadding2D: padding must be a non-negative integer, \[height, width\] or \[\[top, bottom\], \[left, right\]\]. Received: padding=\[1,2,3\]/);
    expect(() => new Cropping1D({ cropping: -1 })).toThrow(/cropping must be/);
    expect(() => new UpSampling2D({ size: 0 })).toThrow(/size must be a positive integer/);
    expect(() => new UpSampling2D({ interpolation: 'bilinear' as never })).toThrow(/interpolation must be 'nearest'/);
    expect(() => new RepeatVector({ n: 0 })).toThrow(/RepeatVector: n must be a positive integer. Received: n=0/);
    expect(() => new Permute({ dims: [0, 1] })).toThrow(/Permute: dims must be a permutation of 1..n/);
    expect(() => new Rescaling({ scale: Number.NaN })).toThrow(/Rescaling: scale must be a finite number/);
    const crop = new Cropping1D({ cropping: [2, 2] });
    const x = tensor([1, 2, 3], [1, 3, 1]);
    expect(() => crop.apply(x)).toThrow(/removes every entry of an axis of size 3/);
    expect(() => new RepeatVector({ n: 2 }).apply(x)).toThrow(/RepeatVector: expected input \[batch, features\]. Received: shape=\[1, 3, 1\]/);
    x.dispose();
  });
});
