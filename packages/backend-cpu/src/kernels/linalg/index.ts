import type { KernelConfig } from '@neurite/tensor';

/** The CPU kernels of the 'linalg' family, one file per kernel. */
export const linalgKernels: KernelConfig<any>[] = [];
