import { truncatedNormalValues, type KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';

/** The first draw within 2 standard deviations, attempt by attempt (see `truncatedNormalValues`). */
export const truncatedNormalKernel: KernelConfig<'TruncatedNormal'> = {
  kernelName: 'TruncatedNormal',
  kernelSet: 'cpu',
  kernelFunc: ({ attrs, backend }) => (backend as HostArrays).output(truncatedNormalValues(attrs), attrs.shape, 'float32'),
};
