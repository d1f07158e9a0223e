import type { KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';
import { WindowTaps } from './window-taps.js';

/** Inputs [dy]: each dy element is shared equally by its window's in-bounds input elements. */
export const avgPoolGradKernel: KernelConfig<'AvgPoolGrad'> = {
  kernelName: 'AvgPoolGrad',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [dy], attrs: { info }, backend }) => {
    const cpu = backend as HostArrays;
    const dyv = cpu.values(dy);
    const { batchSize: N, inHeight: H, inWidth: W, inChannels: C } = info;
    const win = new WindowTaps(info);
    const { offset } = win;
    const dx = new Float64Array(N * H * W * C);
    for (let p = 0, o = 0; p < win.pixels; p++, o += C) {
      const count = win.gather(p);
      const origin = win.origin;
      if (count === 0) continue;
      const scale = 1 / count;
      for (let t = 0; t < count; t++) {
        const xb = origin + offset[t];
        for (let c = 0; c < C; c++) dx[xb + c] += dyv[o + c] * scale;
      }
    }
    return cpu.output(Float32Array.from(dx), [N, H, W, C], 'float32');
  },
};
