import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { tensor } from '@neurite/tensor';
import { Flatten, Reshape } from '../src/index.js';
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
