import type { KernelConfig, PoolAttrs } from '@neurite/tensor';
import type { CpuBackend } from '../../backend.js';

/** Inputs [dy]: each dy element is shared equally by its window's in-bounds input elements. */
export const avgPoolGradKernel: KernelConfig<PoolAttrs> = {
  kernelName: 'AvgPoolGrad',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [dy], attrs: { info }, backend }) => {
    const cpu = backend as CpuBackend;
    const dyv = cpu.values(dy);
    const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
    const { filterHeight: FH, filterWidth: FW, strideHeight: SH, strideWidth: SW, dilationHeight: DH, dilationWidth: DW, pad } = info;
    const dx = new Float64Array(N * H * W * C);
    let o = 0;
    for (let n = 0; n < N; n++) {
      for (let oy = 0; oy < OH; oy++) {
        for (let ox = 0; ox < OW; ox++, o += C) {
          const y0 = oy * SH - pad.top;
          const x0 = ox * SW - pad.left;
          let count = 0;
          for (let fy = 0; fy < FH; fy++) {
            const iy = y0 + fy * DH;
            if (iy >= 0 && iy < H) for (let fx = 0; fx < FW; fx++) if (x0 + fx * DW >= 0 && x0 + fx * DW < W) count++;
          }
          if (count === 0) continue;
          const scale = 1 / count;
          for (let fy = 0; fy < FH; fy++) {
            const iy = y0 + fy * DH;
            if (iy < 0 || iy >= H) continue;
            for (let fx = 0; fx < FW; fx++) {
              const ix = x0 + fx * DW;
              if (ix < 0 || ix >= W) continue;
              const xBase = ((n * H + iy) * W + ix) * C;
              for (let c = 0; c < C; c++) dx[xBase + c] += dyv[o + c] * scale;
            }
          }
        }
      }
    }
    return cpu.output(Float32Array.from(dx), [N, H, W, C], 'float32');
  },
};
