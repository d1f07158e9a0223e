import type { AnyKernelConfig } from '@neurite/tensor';
import { batchMatMulKernel } from './BatchMatMul.js';

/** The CPU kernels of the 'linalg' family, one file per kernel. */
export const linalgKernels: AnyKernelConfig[] = [batchMatMulKernel];
