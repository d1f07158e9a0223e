import type { KernelConfig } from '@neurite/tensor';

/** The CPU kernels of the 'conv' family, one file per kernel. */
export const convKernels: KernelConfig<any>[] = [];
