import type { DepthwiseConvAttrs, KernelConfig } from '@neurite/tensor';
import type { CpuBackend } from '../../backend.js';

/**
 * Inputs [x NHWC, filter [fh, fw, inC, multiplier]]; output channel c * multiplier + q. For each output
 * pixel and filter tap, the tap's inC * multiplier filter values line up with the output channels, so
 * the inner loops walk x, the filter and the accumulator in memory order (a multiplier of 1, the
 * common case, gets a loop without the inner multiplier loop).
 */
export const depthwiseConv2DKernel: KernelConfig<DepthwiseConvAttrs> = {
  kernelName: 'DepthwiseConv2D',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x, filter], attrs: { info }, backend }) => {
    const cpu = backend as CpuBackend;
    const xv = cpu.values(x);
    const fv = cpu.values(filter);
    const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, outChannels: OC } = info;
    const { filterHeight: FH, filterWidth: FW, strideHeight: SH, strideWidth: SW, dilationHeight: DH, dilationWidth: DW, pad } = info;
    const M = info.channelMultiplier;
    const out = new Float32Array(N * OH * OW * OC);
    const acc = new Float64Array(OC);
    let o = 0;
    for (let n = 0; n < N; n++) {
      for (let oy = 0; oy < OH; oy++) {
        for (let ox = 0; ox < OW; ox++, o += OC) {
          acc.fill(0);
          for (let fy = 0; fy < FH; fy++) {
            const iy = oy * SH - pad.top + fy * DH;
            if (iy < 0 || iy >= H) continue;
            for (let fx = 0; fx < FW; fx++) {
              const ix = ox * SW - pad.left + fx * DW;
              if (ix < 0 || ix >= W) continue;
              const xBase = ((n * H + iy) * W + ix) * C;
              const fBase = (fy * FW + fx) * OC;
              if (M === 1) {
                for (let c = 0; c < C; c++) acc[c] += xv[xBase + c] * fv[fBase + c];
              } else {
                for (let c = 0; c < C; c++) {
                  const xc = xv[xBase + c];
                  for (let q = 0, j = c * M; q < M; q++, j++) acc[j] += xc * fv[fBase + j];
                }
              }
            }
          }
          for (let j = 0; j < OC; j++) out[o + j] = acc[j];
        }
      }
    }
    return cpu.output(out, [N, OH, OW, OC], 'float32');
  },
};
