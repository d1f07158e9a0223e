import { makeTypedArray, sizeFromShape, type KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';
import { copyWindow } from './strided-copy.js';

/** The window positions are distinct (strides are non-zero), so scattering needs no accumulation. */
export const stridedSliceGradKernel: KernelConfig<'StridedSliceGrad'> = {
  kernelName: 'StridedSliceGrad',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [dy], attrs: { begin, strides, size, inputShape }, backend }) => {
    const cpu = backend as HostArrays;
    const out = makeTypedArray(dy.dtype, sizeFromShape(inputShape));
    copyWindow('scatter', out, inputShape, begin, strides, size, cpu.values(dy));
    return cpu.output(out, inputShape, dy.dtype);
  },
};
