import type { KernelConfig } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { runStrided, stridesOf } from './strided.js';

/** Output axis j walks input axis perm[j]: a strided view (an identity permutation shares the buffer). */
export const transposeKernel: KernelConfig<'Transpose'> = {
  kernelName: 'Transpose',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [x], attrs: { perm }, backend }) => {
    const inStrides = stridesOf(x.shape);
    const shape = perm.map((p) => x.shape[p]);
    const view = { dims: shape, strides: perm.map((p) => inStrides[p]), offset: 0 };
    return runStrided(backend as GpuBackend, x, view, shape);
  },
};
