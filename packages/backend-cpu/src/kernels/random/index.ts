import type { KernelConfig } from '@neurite/tensor';

/** The CPU kernels of the 'random' family, one file per kernel. */
export const randomKernels: KernelConfig<any>[] = [];
