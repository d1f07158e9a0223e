import type { AnyKernelConfig } from '@neurite/tensor';
import { binaryKernels, selectKernel } from './binary.js';
import { castKernel, clipByValueKernel, leakyReluKernel, unaryKernels } from './unary.js';

/** The GPU kernels of the 'elementwise' family. */
export const elementwiseKernels: AnyKernelConfig[] = [
  ...unaryKernels, ...binaryKernels, leakyReluKernel, clipByValueKernel, castKernel, selectKernel,
];
