import type { Conv2DInfo } from '@neurite/tensor';
import { WindowTaps } from './window-taps.js';

/**
 * im2col and its adjoint for the matmul formulation of convolution. Row r of the column matrix is output
 * pixel r (r = (n * outHeight + oy) * outWidth + ox); its filterHeight * filterWidth * inChannels values
 * are the input patch under the filter in (fy, fx, c) order, the order of an HWIO filter's rows, so
 * conv2d is cols [rows, K] times filter [K, outChannels]. Out-of-bounds (padding) entries are zero.
 */

/** The number of output pixels (column-matrix rows) processed per chunk, bounding the scratch memory. */
export function chunkRows(width: number): number {
  const CHUNK_ELEMENTS = 1 << 20;
  return Math.max(1, Math.floor(CHUNK_ELEMENTS / Math.max(width, 1)));
}

/** Whether cols would equal x itself (a 1x1 filter at stride 1 without padding): then x is used directly. */
export function isPointwise(info: Conv2DInfo): boolean {
  const { filterHeight, filterWidth, strideHeight, strideWidth, pad } = info;
  return filterHeight === 1 && filterWidth === 1 && strideHeight === 1 && strideWidth === 1 &&
    pad.top === 0 && pad.bottom === 0 && pad.left === 0 && pad.right === 0;
}

/** Writes rows [r0, r1) of the column matrix of x (NHWC) into cols, from index 0. */
export function im2col(x: Float32Array, info: Conv2DInfo, r0: number, r1: number, cols: Float32Array): void {
  const C = info.inChannels;
  const win = new WindowTaps(info);
  const { tap, offset } = win;
  const K = win.size * C;
  for (let r = r0, row = 0; r < r1; r++, row += K) {
    const count = win.gather(r);
    const origin = win.origin;
    // a window over the padding has taps with no input: zero the row, then copy the taps it has
    if (count < win.size) cols.fill(0, row, row + K);
    for (let t = 0; t < count; t++) {
      const dst = row + tap[t] * C;
      const src = origin + offset[t];
      for (let c = 0; c < C; c++) cols[dst + c] = x[src + c];
    }
  }
}

/** The adjoint of im2col: adds rows [r0, r1) of cols (from index 0) into their input positions of dx (NHWC). */
export function col2im(cols: Float64Array, info: Conv2DInfo, r0: number, r1: number, dx: Float64Array): void {
  const C = info.inChannels;
  const win = new WindowTaps(info);
  const { tap, offset } = win;
  const K = win.size * C;
  for (let r = r0, row = 0; r < r1; r++, row += K) {
    const count = win.gather(r);
    const origin = win.origin;
    for (let t = 0; t < count; t++) {
      const src = row + tap[t] * C;
      const dst = origin + offset[t];
      for (let c = 0; c < C; c++) dx[dst + c] += cols[src + c];
    }
  }
}
