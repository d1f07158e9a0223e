import type { KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';
import { WindowTaps } from './window-taps.js';

/** Inputs [dy, filter]: each output pixel sends dy times the filter tap back to the input pixel under the tap. */
export const depthwiseConv2DBackpropInputKernel: KernelConfig<'DepthwiseConv2DBackpropInput'> = {
  kernelName: 'DepthwiseConv2DBackpropInput',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [dy, filter], attrs: { info }, backend }) => {
    const cpu = backend as HostArrays;
    const dyv = cpu.values(dy);
    const fv = cpu.values(filter);
    const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outChannels: OC, channelMultiplier: M } = info;
    const win = new WindowTaps(info);
    const { tap, offset } = win;
    const dx = new Float64Array(N * H * W * C);
    for (let p = 0, o = 0; p < win.pixels; p++, o += OC) {
      const count = win.gather(p);
      const origin = win.origin;
      for (let t = 0; t < count; t++) {
        const xb = origin + offset[t];
        const fb = tap[t] * OC;
        if (M === 1) {
          for (let c = 0; c < C; c++) dx[xb + c] += dyv[o + c] * fv[fb + c];
        } else {
          for (let c = 0; c < C; c++) {
            let s = 0;
            for (let q = 0, j = c * M; q < M; q++, j++) s += dyv[o + j] * fv[fb + j];
            dx[xb + c] += s;
          }
        }
      }
    }
    return cpu.output(Float32Array.from(dx), [N, H, W, C], 'float32');
  },
};
