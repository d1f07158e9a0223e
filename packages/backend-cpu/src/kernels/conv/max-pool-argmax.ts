import type { Conv2DInfo } from '@neurite/tensor';

/**
 * For every output element of a max pool over x (NHWC), the flat index in x of its window's maximum:
 * the first in window order (fy, then fx) on ties; a NaN wins, so it propagates. Padding never wins.
 * MaxPool reads x at these indices; MaxPoolGrad sends dy to them.
 */
export function maxPoolArgmax(x: Float32Array, info: Conv2DInfo): Int32Array {
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const { filterHeight: FH, filterWidth: FW, strideHeight: SH, strideWidth: SW, dilationHeight: DH, dilationWidth: DW, pad } = info;
  const argmax = new Int32Array(N * OH * OW * C).fill(-1);
  const best = new Float32Array(C);
  let o = 0;
  for (let n = 0; n < N; n++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++, o += C) {
        for (let fy = 0; fy < FH; fy++) {
          const iy = oy * SH - pad.top + fy * DH;
          if (iy < 0 || iy >= H) continue;
          for (let fx = 0; fx < FW; fx++) {
            const ix = ox * SW - pad.left + fx * DW;
            if (ix < 0 || ix >= W) continue;
            const xBase = ((n * H + iy) * W + ix) * C;
            for (let c = 0; c < C; c++) {
              const v = x[xBase + c];
              const m = best[c];
              // take the first in-window value, then anything larger, or a NaN unless a NaN is held
              if (argmax[o + c] < 0 || v > m || (v !== v && m === m)) {
                best[c] = v;
                argmax[o + c] = xBase + c;
              }
            }
          }
        }
      }
    }
  }
  return argmax;
}
