import type { KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';
import { WindowTaps } from './window-taps.js';

/** The mean over each window's in-bounds elements (padding is not counted, as in TF). */
export const avgPoolKernel: KernelConfig<'AvgPool'> = {
  kernelName: 'AvgPool',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x], attrs: { info }, backend }) => {
    const cpu = backend as HostArrays;
    const xv = cpu.values(x);
    const C = info.inChannels;
    const win = new WindowTaps(info);
    const { offset } = win;
    const out = new Float32Array(win.pixels * C);
    const acc = new Float64Array(C);
    for (let p = 0, o = 0; p < win.pixels; p++, o += C) {
      const count = win.gather(p);
      const origin = win.origin;
      acc.fill(0);
      for (let t = 0; t < count; t++) {
        const xb = origin + offset[t];
        for (let c = 0; c < C; c++) acc[c] += xv[xb + c];
      }
      const scale = count > 0 ? 1 / count : 0;
      for (let c = 0; c < C; c++) out[o + c] = acc[c] * scale;
    }
    return cpu.output(out, [info.batchSize, info.outHeight, info.outWidth, C], 'float32');
  },
};
