import type { KernelConfig } from '@neurite/tensor';
import { addKernel } from './Add.js';
import { castKernel } from './Cast.js';

/** The CPU kernels of the 'elementwise' family, one file per kernel. */
export const elementwiseKernels: KernelConfig<any>[] = [addKernel, castKernel];
