import type { KernelConfig } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { runStrided, stridesOf } from './strided.js';

/** A window of x: a strided view starting at `begin` (the whole of x shares its buffer). */
export const sliceKernel: KernelConfig<'Slice'> = {
  kernelName: 'Slice',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [x], attrs: { begin, size }, backend }) => {
    const inStrides = stridesOf(x.shape);
    const offset = begin.reduce((o, b, i) => o + b * inStrides[i], 0);
    return runStrided(backend as GpuBackend, x, { dims: [...size], strides: inStrides, offset }, [...size]);
  },
};
