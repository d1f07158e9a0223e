import { randomNormalValues, type KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';

/** Element i from words 2i and 2i+1 (see `randomNormalValues`). */
export const randomNormalKernel: KernelConfig<'RandomNormal'> = {
  kernelName: 'RandomNormal',
  kernelSet: 'cpu',
  kernelFunc: ({ attrs, backend }) => (backend as HostArrays).output(randomNormalValues(attrs), attrs.shape, 'float32'),
};
