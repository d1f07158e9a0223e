import { randomUniformValues, type KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';

/** Element i from word i: min + u * (max - min) with u = (word >>> 8) / 2^24 (see `randomUniformValues`). */
export const randomUniformKernel: KernelConfig<'RandomUniform'> = {
  kernelName: 'RandomUniform',
  kernelSet: 'cpu',
  kernelFunc: ({ attrs, backend }) => (backend as HostArrays).output(randomUniformValues(attrs), attrs.shape, attrs.dtype),
};
