import type { DepthwiseConvAttrs, KernelConfig } from '@neurite/tensor';
import type { CpuBackend } from '../../backend.js';

/** Inputs [x, dy]: each filter tap accumulates input pixel times dy over every output pixel that used it. */
export const depthwiseConv2DBackpropFilterKernel: KernelConfig<DepthwiseConvAttrs> = {
  kernelName: 'DepthwiseConv2DBackpropFilter',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x, dy], attrs: { info }, backend }) => {
    const cpu = backend as CpuBackend;
    const xv = cpu.values(x);
    const dyv = cpu.values(dy);
    const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, outChannels: OC } = info;
    const { filterHeight: FH, filterWidth: FW, strideHeight: SH, strideWidth: SW, dilationHeight: DH, dilationWidth: DW, pad } = info;
    const M = info.channelMultiplier;
    const df = new Float64Array(FH * FW * OC);
    let o = 0;
    for (let n = 0; n < N; n++) {
      for (let oy = 0; oy < OH; oy++) {
        for (let ox = 0; ox < OW; ox++, o += OC) {
          for (let fy = 0; fy < FH; fy++) {
            const iy = oy * SH - pad.top + fy * DH;
            if (iy < 0 || iy >= H) continue;
            for (let fx = 0; fx < FW; fx++) {
              const ix = ox * SW - pad.left + fx * DW;
              if (ix < 0 || ix >= W) continue;
              const xBase = ((n * H + iy) * W + ix) * C;
              const fBase = (fy * FW + fx) * OC;
              if (M === 1) {
                for (let c = 0; c < C; c++) df[fBase + c] += xv[xBase + c] * dyv[o + c];
              } else {
                for (let c = 0; c < C; c++) {
                  const xc = xv[xBase + c];
                  for (let q = 0, j = c * M; q < M; q++, j++) df[fBase + j] += xc * dyv[o + j];
                }
              }
            }
          }
        }
      }
    }
    return cpu.output(Float32Array.from(df), [FH, FW, C, M], 'float32');
  },
};
