import type { KernelConfig } from '@neurite/tensor';
import { batchMatMulKernel } from './BatchMatMul.js';

/** The GPU kernels of the 'linalg' family, one file per kernel. */
export const linalgKernels: KernelConfig<any>[] = [batchMatMulKernel];
