import type { KernelConfig } from '@neurite/tensor';
import { binaryKernels, selectKernel } from './binary.js';
import { castKernel, clipByValueKernel, leakyReluKernel, unaryKernels } from './unary.js';

/** The GPU kernels of the 'elementwise' family. */
export const elementwiseKernels: KernelConfig<any>[] = [
  ...unaryKernels, ...binaryKernels, leakyReluKernel, clipByValueKernel, castKernel, selectKernel,
];
