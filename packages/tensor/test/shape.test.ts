import { describe, expect, it } from 'vitest';
import {
  assertValidShape, broadcastIndexMapper, broadcastShapes, broadcastedAxes, computeStrides, normalizeAxes, normalizeAxis,
  reducedShape, shapesEqual, sizeFromShape,
} from '../src/util/shape.js';
import { NeuriteError, argumentError, describe as describeValue } from '../src/util/errors.js';

describe('shape utilities', () => {
  it('computes sizes and row-major strides', () => {
    expect(sizeFromShape([])).toBe(1);
    expect(sizeFromShape([2, 3, 4])).toBe(24);
    expect(sizeFromShape([2, 0, 4])).toBe(0);
    expect(computeStrides([2, 3, 4])).toEqual([12, 4, 1]);
    expect(computeStrides([])).toEqual([]);
    expect(shapesEqual([1, 2], [1, 2])).toBe(true);
    expect(shapesEqual([1, 2], [2, 1])).toBe(false);
    expect(shapesEqual([1], [1, 1])).toBe(false);
  });

  it('validates shapes', () => {
    expect(() => assertValidShape('op', 'shape', [2, 3])).not.toThrow();
    expect(() => assertValidShape('op', 'shape', [2, -1])).toThrow('op: shape must be an array of non-negative integers. Received: shape=[2,-1]');
    expect(() => assertValidShape('op', 'shape', [1.5])).toThrow(/Received: shape=\[1.5\]/);
    expect(() => assertValidShape('op', 'shape', 3 as never)).toThrow(/Received: shape=3/);
    expect(() => assertValidShape('op', 'shape', [1, 1, 1, 1, 1, 1, 1])).toThrow(/of rank at most 6/);
  });

  it('broadcasts NumPy style', () => {
    expect(broadcastShapes('op', [2, 1, 3], [4, 1])).toEqual([2, 4, 3]);
    expect(broadcastShapes('op', [], [5])).toEqual([5]);
    expect(broadcastShapes('op', [0, 1], [1, 3])).toEqual([0, 3]);
  });

  it('shows both shapes and the axis when shapes do not broadcast', () => {
    expect(() => broadcastShapes('add', [2, 3], [4, 3])).toThrow(
      new NeuriteError('add: shapes [2,3] and [4,3] cannot be broadcast together (axis -2: 2 vs 4)'),
    );
    expect(() => broadcastShapes('mul', [3], [2, 4])).toThrow(/mul: shapes \[3\] and \[2,4\] .*axis -1: 3 vs 4/);
  });

  it('finds the axes an input was broadcast along', () => {
    expect(broadcastedAxes([3], [2, 3])).toEqual([0]);
    expect(broadcastedAxes([2, 1], [2, 3])).toEqual([1]);
    expect(broadcastedAxes([1, 1], [1, 3])).toEqual([1]);
    expect(broadcastedAxes([2, 3], [2, 3])).toEqual([]);
  });

  it('maps output indices to broadcast input indices', () => {
    const map = broadcastIndexMapper([2, 1], [2, 3]);
    expect([0, 1, 2, 3, 4, 5].map(map)).toEqual([0, 0, 0, 1, 1, 1]);
    const row = broadcastIndexMapper([3], [2, 3]);
    expect([0, 1, 2, 3, 4, 5].map(row)).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('normalises axes and rejects bad ones naming the op, the range and the rank', () => {
    expect(normalizeAxis('op', -1, 3)).toBe(2);
    expect(normalizeAxis('op', 0, 3)).toBe(0);
    expect(normalizeAxis('op', 0, 0)).toBe(0);
    expect(() => normalizeAxis('sum', 3, 3)).toThrow('sum: axis must be an integer in [-3, 2] for a tensor of rank 3. Received: axis=3');
    expect(() => normalizeAxis('sum', -4, 3)).toThrow(/Received: axis=-4/);
    expect(() => normalizeAxis('sum', 0.5, 3)).toThrow(/Received: axis=0.5/);
    expect(() => normalizeAxis('concat', 2, 2, 'dim')).toThrow(/concat: dim must be .*Received: dim=2/);
    expect(normalizeAxes('op', undefined, 3)).toEqual([0, 1, 2]);
    expect(normalizeAxes('op', [-1, 0], 3)).toEqual([0, 2]);
    expect(normalizeAxes('op', 1, 3)).toEqual([1]);
    expect(() => normalizeAxes('mean', [1, -2], 3)).toThrow('mean: axis must be a list of distinct axes. Received: axis=[1,-2]');
  });

  it('computes reduced shapes with and without kept dims', () => {
    expect(reducedShape([2, 3, 4], [1], false)).toEqual([2, 4]);
    expect(reducedShape([2, 3, 4], [0, 2], true)).toEqual([1, 3, 1]);
  });
});

describe('error messages', () => {
  it('name the op and the argument and end with what was received', () => {
    const e = argumentError('dropout', 'rate', 'a number in [0, 1]', 1.5);
    expect(e).toBeInstanceOf(NeuriteError);
    expect(e.name).toBe('NeuriteError');
    expect(e.message).toBe('dropout: rate must be a number in [0, 1]. Received: rate=1.5');
  });

  it('describe values readably', () => {
    expect(describeValue([2, [3]])).toBe('[2,[3]]');
    expect(describeValue('x')).toBe("'x'");
    expect(describeValue(new Float32Array(3))).toBe('Float32Array(3)');
    expect(describeValue({ shape: [2], dtype: 'int32' })).toBe('Tensor(shape=[2], dtype=int32)');
    expect(describeValue(null)).toBe('null');
  });
});
