import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { convertToTensor } from '../convert.js';
import { reshape } from './reshape.js';
import { readOptions } from '../elementwise/options.js';

export interface StridedSliceOptions {
  /** Bit i set: ignore begin[i] and start from the first element (the last for a negative stride). */
  beginMask?: number;
  /** Bit i set: ignore end[i] and run to the end of the axis (to its start for a negative stride). */
  endMask?: number;
  /** Bit i set: take the single element begin[i] of axis i and drop the axis. */
  shrinkAxisMask?: number;
}

/**
 * Python-style strided slicing, like TensorFlow's `strided_slice`: axis i takes begin[i], begin[i] +
 * strides[i], ... up to (not including) end[i]. Negative begin/end count from the end of the axis; a
 * negative stride walks backwards. `begin`, `end` and `strides` may be shorter than the rank: the
 * remaining axes are taken whole. Indices outside the axis are an error (they are not clamped).
 */
export function stridedSlice(
  x: Tensor | TensorLike,
  begin: number[],
  end: number[],
  strides?: number[],
  options?: StridedSliceOptions,
): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'stridedSlice');
    const rank = t.rank;
    const n = Array.isArray(begin) ? begin.length : -1;
    const isInts = (v: unknown, len: number): v is number[] =>
      Array.isArray(v) && v.length === len && v.every((e) => Number.isInteger(e));
    if (n < 0 || n > rank || !isInts(begin, n)) {
      throw argumentError('stridedSlice', 'begin', `an array of at most ${rank} integers (x has shape [${t.shape}])`, begin);
    }
    if (!isInts(end, n)) throw argumentError('stridedSlice', 'end', `an array of ${n} integers, like begin`, end);
    const st = strides ?? new Array<number>(n).fill(1);
    if (!isInts(st, n) || st.some((s) => s === 0)) {
      throw argumentError('stridedSlice', 'strides', `an array of ${n} non-zero integers, like begin`, strides);
    }
    // ellipsisMask and newAxisMask are not supported: like any other unknown key they are refused.
    const opts = readOptions('stridedSlice', options, ['beginMask', 'endMask', 'shrinkAxisMask']);
    const mask = (name: 'beginMask' | 'endMask' | 'shrinkAxisMask'): number => {
      const m = opts[name] ?? 0;
      if (!Number.isInteger(m) || m < 0) throw argumentError('stridedSlice', name, 'a non-negative integer bit mask', m);
      return m;
    };
    const beginMask = mask('beginMask');
    const endMask = mask('endMask');
    const shrinkMask = mask('shrinkAxisMask');

    const kBegin: number[] = [];
    const kStrides: number[] = [];
    const kSize: number[] = [];
    const outShape: number[] = [];
    for (let i = 0; i < rank; i++) {
      const d = t.shape[i];
      if (i >= n) {
        kBegin.push(0);
        kStrides.push(1);
        kSize.push(d);
        outShape.push(d);
        continue;
      }
      const bit = 1 << i;
      if (shrinkMask & bit) {
        const b = begin[i];
        if (b < -d || b >= d) {
          throw argumentError('stridedSlice', `begin[${i}]`, `an index in [${-d}, ${d - 1}] for axis ${i} of size ${d} (shrinkAxisMask)`, b);
        }
        kBegin.push(b < 0 ? b + d : b);
        kStrides.push(1);
        kSize.push(1);
        continue;
      }
      const s = st[i];
      // for a positive stride indices lie in [0, d]; for a negative one in [-1, d - 1] (-1: before the start)
      const lo = s > 0 ? 0 : -1;
      const hi = s > 0 ? d : d - 1;
      const index = (v: number, arg: string): number => {
        const norm = v < 0 ? v + d : v;
        if (v < -d || norm < lo || norm > hi) {
          throw argumentError('stridedSlice', arg, `an index in [${-d}, ${hi}] for axis ${i} of size ${d} with stride ${s}`, v);
        }
        return norm;
      };
      const b = beginMask & bit ? (s > 0 ? 0 : d - 1) : index(begin[i], `begin[${i}]`);
      const e = endMask & bit ? (s > 0 ? d : -1) : index(end[i], `end[${i}]`);
      const size = Math.max(0, s > 0 ? Math.ceil((e - b) / s) : Math.ceil((b - e) / -s));
      // an empty axis starts at 0 so the kernel never sees an out-of-range begin
      kBegin.push(size === 0 ? 0 : b);
      kStrides.push(s);
      kSize.push(size);
      outShape.push(size);
    }
    const out = ENGINE.runKernel('StridedSlice', [t], { begin: kBegin, strides: kStrides, size: kSize });
    return outShape.length === kSize.length ? out : reshape(out, outShape);
  });
}

/** @internal The gradient of StridedSlice: scatters dy (of shape `size`) into zeros of `inputShape`. */
export function stridedSliceGrad(dy: Tensor, inputShape: number[], begin: number[], strides: number[], size: number[]): Tensor {
  return ENGINE.runKernel('StridedSliceGrad', [reshape(dy, size)], { begin, strides, size, inputShape });
}

/** @internal Runs StridedSlice with attributes already normalised (used by StridedSliceGrad's gradient). */
export function stridedSliceWindow(x: Tensor, begin: number[], strides: number[], size: number[]): Tensor {
  return ENGINE.runKernel('StridedSlice', [x], { begin, strides, size });
}
