import { makeTypedArray, type KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';

export const castKernel: KernelConfig<'Cast'> = {
  kernelName: 'Cast',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x], attrs: { dtype }, backend }) => {
    const cpu = backend as HostArrays;
    const values = cpu.values(x);
    const out = makeTypedArray(dtype, values.length);
    if (dtype === 'bool') for (let i = 0; i < values.length; i++) out[i] = values[i] !== 0 ? 1 : 0;
    else if (dtype === 'int32') for (let i = 0; i < values.length; i++) out[i] = Math.trunc(values[i]);
    else out.set(values);
    return cpu.output(out, x.shape, dtype);
  },
};
