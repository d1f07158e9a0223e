import type { KernelConfig } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { runStrided, stridesOf } from './strided.js';

/** Element j of axis i is begin[i] + j * strides[i]: a strided view (negative strides read backwards). */
export const stridedSliceKernel: KernelConfig<'StridedSlice'> = {
  kernelName: 'StridedSlice',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [x], attrs: { begin, strides, size }, backend }) => {
    const inStrides = stridesOf(x.shape);
    const offset = begin.reduce((o, b, i) => o + b * inStrides[i], 0);
    const view = { dims: [...size], strides: strides.map((s, i) => s * inStrides[i]), offset };
    return runStrided(backend as GpuBackend, x, view, [...size]);
  },
};
