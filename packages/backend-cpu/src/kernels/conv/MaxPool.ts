import type { KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';
import { maxPoolArgmax } from './max-pool-argmax.js';

export const maxPoolKernel: KernelConfig<'MaxPool'> = {
  kernelName: 'MaxPool',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x], attrs: { info }, backend }) => {
    const cpu = backend as HostArrays;
    const xv = cpu.values(x);
    const argmax = maxPoolArgmax(xv, info);
    const out = new Float32Array(argmax.length);
    // a window with no input element (impossible for 'valid' and 'same') would give -Infinity
    for (let i = 0; i < argmax.length; i++) out[i] = argmax[i] < 0 ? -Infinity : xv[argmax[i]];
    return cpu.output(out, [info.batchSize, info.outHeight, info.outWidth, info.inChannels], 'float32');
  },
};
