import type { KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';
import { WindowTaps } from './window-taps.js';

/** Inputs [x, dy]: each filter tap accumulates input pixel times dy over every output pixel that used it. */
export const depthwiseConv2DBackpropFilterKernel: KernelConfig<'DepthwiseConv2DBackpropFilter'> = {
  kernelName: 'DepthwiseConv2DBackpropFilter',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x, dy], attrs: { info }, backend }) => {
    const cpu = backend as HostArrays;
    const xv = cpu.values(x);
    const dyv = cpu.values(dy);
    const { inChannels: C, outChannels: OC, channelMultiplier: M } = info;
    const win = new WindowTaps(info);
    const { tap, offset } = win;
    const df = new Float64Array(win.size * OC);
    for (let p = 0, o = 0; p < win.pixels; p++, o += OC) {
      const count = win.gather(p);
      const origin = win.origin;
      for (let t = 0; t < count; t++) {
        const xb = origin + offset[t];
        const fb = tap[t] * OC;
        if (M === 1) {
          for (let c = 0; c < C; c++) df[fb + c] += xv[xb + c] * dyv[o + c];
        } else {
          for (let c = 0; c < C; c++) {
            const xc = xv[xb + c];
            for (let q = 0, j = c * M; q < M; q++, j++) df[fb + j] += xc * dyv[o + j];
          }
        }
      }
    }
    return cpu.output(Float32Array.from(df), [info.filterHeight, info.filterWidth, C, M], 'float32');
  },
};
