import { makeTypedArray, type KernelConfig, type TypedArray } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';

/** condition ? a : b elementwise; the op has already broadcast all three inputs to one shape. */
export const selectKernel: KernelConfig<'Select'> = {
  kernelName: 'Select',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [condition, a, b], backend }) => {
    const cpu = backend as HostArrays;
    const c = cpu.values<Uint8Array>(condition);
    const av = cpu.values<TypedArray>(a);
    const bv = cpu.values<TypedArray>(b);
    const out = makeTypedArray(a.dtype, c.length);
    for (let i = 0; i < c.length; i++) out[i] = c[i] ? av[i] : bv[i];
    return cpu.output(out, a.shape, a.dtype);
  },
};
