import { makeTypedArray, type KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';

/** Clamps to [min, max]; NaN stays NaN. */
export const clipByValueKernel: KernelConfig<'ClipByValue'> = {
  kernelName: 'ClipByValue',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x], attrs: { min, max }, backend }) => {
    const cpu = backend as HostArrays;
    const values = cpu.values(x);
    const out = makeTypedArray(x.dtype, values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      out[i] = v < min ? min : v > max ? max : v;
    }
    return cpu.output(out, x.shape, x.dtype);
  },
};
