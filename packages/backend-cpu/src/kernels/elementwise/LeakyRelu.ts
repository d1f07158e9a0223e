import { makeTypedArray, type KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';

export const leakyReluKernel: KernelConfig<'LeakyRelu'> = {
  kernelName: 'LeakyRelu',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x], attrs: { alpha }, backend }) => {
    const cpu = backend as HostArrays;
    const values = cpu.values(x);
    const out = makeTypedArray(x.dtype, values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      out[i] = v < 0 ? alpha * v : v;
    }
    return cpu.output(out, x.shape, x.dtype);
  },
};
