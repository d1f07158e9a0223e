import { computeStrides, type TypedArray } from '@neurite/tensor';

/**
 * Fills `out` (of shape outShape, where outShape[i] = shape[i] * reps[i]) with copies of `v` (of `shape`,
 * same rank). Each input row of the last axis is copied reps[last] times; rows are visited on an
 * odometer, so there is no per-element index arithmetic. Serves Tile and BroadcastTo.
 */
export function tileInto(v: TypedArray, shape: readonly number[], outShape: readonly number[], out: TypedArray): void {
  const rank = shape.length;
  if (out.length === 0) return;
  if (rank === 0) {
    out[0] = v[0];
    return;
  }
  const last = rank - 1;
  const rowLen = shape[last];
  const outRowLen = outShape[last];
  const inStrides = computeStrides(shape);
  const coord = new Array<number>(last).fill(0);
  const rows = out.length / outRowLen;
  let src = 0;
  for (let r = 0, o = 0; r < rows; r++) {
    if (rowLen === 1) out.fill(v[src], o, o + outRowLen);
    else {
      for (let k = 0; k < outRowLen; k += rowLen) {
        if (rowLen < 32) for (let j = 0; j < rowLen; j++) out[o + k + j] = v[src + j];
        else out.set(v.subarray(src, src + rowLen), o + k);
      }
    }
    o += outRowLen;
    // next output row: advance the input coordinate modulo the input shape
    for (let a = last - 1; a >= 0; a--) {
      coord[a]++;
      const inCoord = coord[a] % shape[a];
      src += inCoord === 0 ? -(shape[a] - 1) * inStrides[a] : inStrides[a];
      if (coord[a] < outShape[a]) break;
      coord[a] = 0;
    }
  }
}
