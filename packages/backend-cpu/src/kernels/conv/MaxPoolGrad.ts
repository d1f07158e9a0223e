import { sizeFromShape, type KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';
import { maxPoolArgmax } from './max-pool-argmax.js';

/** Inputs [dy, x]: each dy element goes to its window's (first) maximum in x. */
export const maxPoolGradKernel: KernelConfig<'MaxPoolGrad'> = {
  kernelName: 'MaxPoolGrad',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [dy, x], attrs: { info }, backend }) => {
    const cpu = backend as HostArrays;
    const dyv = cpu.values(dy);
    const argmax = maxPoolArgmax(cpu.values(x), info);
    const dx = new Float64Array(sizeFromShape(x.shape));
    for (let i = 0; i < argmax.length; i++) if (argmax[i] >= 0) dx[argmax[i]] += dyv[i];
    return cpu.output(Float32Array.from(dx), x.shape, 'float32');
  },
};
