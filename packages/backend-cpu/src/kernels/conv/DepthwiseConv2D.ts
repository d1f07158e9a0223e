import type { KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';
import { WindowTaps } from './window-taps.js';

/**
 * Inputs [x NHWC, filter [fh, fw, inC, multiplier]]; output channel c * multiplier + q. For each output
 * pixel and filter tap, the tap's inC * multiplier filter values line up with the output channels, so
 * the inner loops walk x, the filter and the accumulator in memory order (a multiplier of 1, the
 * common case, gets a loop without the inner multiplier loop).
 */
export const depthwiseConv2DKernel: KernelConfig<'DepthwiseConv2D'> = {
  kernelName: 'DepthwiseConv2D',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x, filter], attrs: { info }, backend }) => {
    const cpu = backend as HostArrays;
    const xv = cpu.values(x);
    const fv = cpu.values(filter);
    const { inChannels: C, outChannels: OC, channelMultiplier: M } = info;
    const win = new WindowTaps(info);
    const { tap, offset } = win;
    const out = new Float32Array(win.pixels * OC);
    const acc = new Float64Array(OC);
    for (let p = 0, o = 0; p < win.pixels; p++, o += OC) {
      const count = win.gather(p);
      const origin = win.origin;
      acc.fill(0);
      for (let t = 0; t < count; t++) {
        const xb = origin + offset[t];
        const fb = tap[t] * OC;
        if (M === 1) {
          for (let c = 0; c < C; c++) acc[c] += xv[xb + c] * fv[fb + c];
        } else {
          for (let c = 0; c < C; c++) {
            const xc = xv[xb + c];
            for (let q = 0, j = c * M; q < M; q++, j++) acc[j] += xc * fv[fb + j];
          }
        }
      }
      for (let j = 0; j < OC; j++) out[o + j] = acc[j];
    }
    return cpu.output(out, [info.batchSize, info.outHeight, info.outWidth, OC], 'float32');
  },
};
