import type { KernelConfig, PoolAttrs } from '@neurite/tensor';
import type { CpuBackend } from '../../backend.js';

/** The mean over each window's in-bounds elements (padding is not counted, as in TF). */
export const avgPoolKernel: KernelConfig<PoolAttrs> = {
  kernelName: 'AvgPool',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x], attrs: { info }, backend }) => {
    const cpu = backend as CpuBackend;
    const xv = cpu.values(x);
    const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
    const { filterHeight: FH, filterWidth: FW, strideHeight: SH, strideWidth: SW, dilationHeight: DH, dilationWidth: DW, pad } = info;
    const out = new Float32Array(N * OH * OW * C);
    const acc = new Float64Array(C);
    let o = 0;
    for (let n = 0; n < N; n++) {
      for (let oy = 0; oy < OH; oy++) {
        for (let ox = 0; ox < OW; ox++, o += C) {
          acc.fill(0);
          let count = 0;
          for (let fy = 0; fy < FH; fy++) {
            const iy = oy * SH - pad.top + fy * DH;
            if (iy < 0 || iy >= H) continue;
            for (let fx = 0; fx < FW; fx++) {
              const ix = ox * SW - pad.left + fx * DW;
              if (ix < 0 || ix >= W) continue;
              const xBase = ((n * H + iy) * W + ix) * C;
              for (let c = 0; c < C; c++) acc[c] += xv[xBase + c];
              count++;
            }
          }
          const scale = count > 0 ? 1 / count : 0;
          for (let c = 0; c < C; c++) out[o + c] = acc[c] * scale;
        }
      }
    }
    return cpu.output(out, [N, OH, OW, C], 'float32');
  },
};
