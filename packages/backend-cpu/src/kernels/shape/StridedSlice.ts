import { makeTypedArray, sizeFromShape, type KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';
import { copyWindow } from './strided-copy.js';

export const stridedSliceKernel: KernelConfig<'StridedSlice'> = {
  kernelName: 'StridedSlice',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x], attrs: { begin, strides, size }, backend }) => {
    const cpu = backend as HostArrays;
    const out = makeTypedArray(x.dtype, sizeFromShape(size));
    copyWindow('gather', cpu.values(x), x.shape, begin, strides, size, out);
    return cpu.output(out, size, x.dtype);
  },
};
