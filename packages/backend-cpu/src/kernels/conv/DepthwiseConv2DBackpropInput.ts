import type { DepthwiseConvAttrs, KernelConfig } from '@neurite/tensor';
import type { CpuBackend } from '../../backend.js';

/** Inputs [dy, filter]: each output pixel sends dy times the filter tap back to the input pixel under the tap. */
export const depthwiseConv2DBackpropInputKernel: KernelConfig<DepthwiseConvAttrs> = {
  kernelName: 'DepthwiseConv2DBackpropInput',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [dy, filter], attrs: { info }, backend }) => {
    const cpu = backend as CpuBackend;
    const dyv = cpu.values(dy);
    const fv = cpu.values(filter);
    const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, outChannels: OC } = info;
    const { filterHeight: FH, filterWidth: FW, strideHeight: SH, strideWidth: SW, dilationHeight: DH, dilationWidth: DW, pad } = info;
    const M = info.channelMultiplier;
    const dx = new Float64Array(N * H * W * C);
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
                for (let c = 0; c < C; c++) dx[xBase + c] += dyv[o + c] * fv[fBase + c];
              } else {
                for (let c = 0; c < C; c++) {
                  let s = 0;
                  for (let q = 0, j = c * M; q < M; q++, j++) s += dyv[o + j] * fv[fBase + j];
                  dx[xBase + c] += s;
                }
              }
            }
          }
        }
      }
    }
    return cpu.output(Float32Array.from(dx), [N, H, W, C], 'float32');
  },
};
