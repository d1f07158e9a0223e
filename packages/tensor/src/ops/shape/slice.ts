import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { convertToTensor } from '../convert.js';
import { reshape } from './reshape.js';

/**
 * The block of x starting at `begin` with `size` elements per axis (-1: to the end of the axis; left
 * out: to the end of every axis). For a rank-1 tensor, plain numbers may stand for one-element arrays.
 */
export function slice(x: Tensor | TensorLike, begin: number | number[], size?: number | number[]): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'slice');
    const b = asList(begin, t.rank);
    const s = size === undefined ? t.shape.map(() => -1) : asList(size, t.rank);
    if (!Array.isArray(b) || b.length !== t.rank || b.some((v, i) => !Number.isInteger(v) || v < 0 || v > t.shape[i])) {
      throw argumentError('slice', 'begin', `an array of ${t.rank} integers, each in [0, dim] of x's shape [${t.shape}]`, begin);
    }
    if (!Array.isArray(s) || s.length !== t.rank || s.some((v) => !Number.isInteger(v) || v < -1)) {
      throw argumentError('slice', 'size', `an array of ${t.rank} integers >= -1 (-1: to the end)`, size);
    }
    const full = s.map((v, i) => (v === -1 ? t.shape[i] - b[i] : v));
    const over = full.findIndex((v, i) => b[i] + v > t.shape[i]);
    if (over >= 0) {
      throw argumentError('slice', 'size', `such that begin + size fits x's shape [${t.shape}] (axis ${over}: ${b[over]} + ${full[over]} > ${t.shape[over]})`, size);
    }
    if (full.every((v, i) => v === t.shape[i])) return reshape(t, t.shape);
    return ENGINE.runKernel('Slice', [t], { begin: b, size: full });
  });
}

function asList(v: number | number[], rank: number): unknown {
  return typeof v === 'number' && rank === 1 ? [v] : v;
}
