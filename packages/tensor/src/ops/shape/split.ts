import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { normalizeAxis } from '../../util/shape.js';
import { convertToTensor } from '../convert.js';
import { slice } from './slice.js';
import { readOptions } from '../elementwise/options.js';

export interface SplitOptions {
  /** The axis to split (negative counts from the end); 0 by default. */
  axis?: number;
}

/**
 * Splits x along `axis` into `numOrSizeSplits` equal parts, or into parts of the given sizes (one size
 * may be -1: whatever is left). A composite of slice.
 */
export function split(x: Tensor | TensorLike, numOrSizeSplits: number | number[], options?: SplitOptions): Tensor[] {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'split');
    if (t.rank === 0) throw argumentError('split', 'x', 'a tensor of rank at least 1', t);
    const axis = normalizeAxis('split', readOptions('split', options, ['axis']).axis ?? 0, t.rank);
    const dim = t.shape[axis];
    const sizes = splitSizes(numOrSizeSplits, dim, axis);
    const begin = t.shape.map(() => 0);
    return sizes.map((n) => {
      const size = t.shape.map((d, i) => (i === axis ? n : d));
      const part = slice(t, [...begin], size);
      begin[axis] += n;
      return part;
    });
  });
}

function splitSizes(spec: number | number[], dim: number, axis: number): number[] {
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || spec < 1 || dim % spec !== 0) {
      throw argumentError('split', 'numOrSizeSplits', `a positive integer that divides ${dim} (the size of axis ${axis})`, spec);
    }
    return new Array<number>(spec).fill(dim / spec);
  }
  const ok = Array.isArray(spec) && spec.length > 0 && spec.every((v) => Number.isInteger(v) && v >= -1) &&
    spec.filter((v) => v === -1).length <= 1;
  if (!ok) {
    throw argumentError('split', 'numOrSizeSplits', 'a positive integer or a non-empty array of sizes >= 0 with at most one -1', spec);
  }
  const known = spec.reduce((a, v) => (v === -1 ? a : a + v), 0);
  const hasFree = spec.includes(-1);
  if (hasFree ? known > dim : known !== dim) {
    throw argumentError('split', 'numOrSizeSplits', `sizes that add up to ${dim} (the size of axis ${axis})`, spec);
  }
  return spec.map((v) => (v === -1 ? dim - known : v));
}
