import { makeTypedArray, sizeFromShape, type KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';
import { copyWindow } from './strided-copy.js';

export const sliceKernel: KernelConfig<'Slice'> = {
  kernelName: 'Slice',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x], attrs: { begin, size }, backend }) => {
    const cpu = backend as HostArrays;
    const out = makeTypedArray(x.dtype, sizeFromShape(size));
    copyWindow('gather', cpu.values(x), x.shape, begin, begin.map(() => 1), size, out);
    return cpu.output(out, size, x.dtype);
  },
};
