import type { Conv2DInfo } from '@neurite/tensor';

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
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, filterHeight: FH, filterWidth: FW } = info;
  const { strideHeight: SH, strideWidth: SW, dilationHeight: DH, dilationWidth: DW, pad } = info;
  let idx = 0;
  for (let r = r0; r < r1; r++) {
    const ox = r % OW;
    const oy = ((r - ox) / OW) % OH;
    const n = Math.floor(r / (OW * OH));
    for (let fy = 0; fy < FH; fy++) {
      const iy = oy * SH - pad.top + fy * DH;
      const rowInside = iy >= 0 && iy < H;
      for (let fx = 0; fx < FW; fx++) {
        const ix = ox * SW - pad.left + fx * DW;
        if (rowInside && ix >= 0 && ix < W) {
          const src = ((n * H + iy) * W + ix) * C;
          for (let c = 0; c < C; c++) cols[idx + c] = x[src + c];
        } else {
          cols.fill(0, idx, idx + C);
        }
        idx += C;
      }
    }
  }
}

/** The adjoint of im2col: adds rows [r0, r1) of cols (from index 0) into their input positions of dx (NHWC). */
export function col2im(cols: Float64Array, info: Conv2DInfo, r0: number, r1: number, dx: Float64Array): void {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, filterHeight: FH, filterWidth: FW } = info;
  const { strideHeight: SH, strideWidth: SW, dilationHeight: DH, dilationWidth: DW, pad } = info;
  let idx = 0;
  for (let r = r0; r < r1; r++) {
    const ox = r % OW;
    const oy = ((r - ox) / OW) % OH;
    const n = Math.floor(r / (OW * OH));
    for (let fy = 0; fy < FH; fy++) {
      const iy = oy * SH - pad.top + fy * DH;
      const rowInside = iy >= 0 && iy < H;
      for (let fx = 0; fx < FW; fx++) {
        const ix = ox * SW - pad.left + fx * DW;
        if (rowInside && ix >= 0 && ix < W) {
          const dst = ((n * H + iy) * W + ix) * C;
          for (let c = 0; c < C; c++) dx[dst + c] += cols[idx + c];
        }
        idx += C;
      }
    }
  }
}
