import type { KernelConfig } from '@neurite/tensor';
import { sumKernel } from './Sum.js';

/** The CPU kernels of the 'reduction' family, one file per kernel. */
export const reductionKernels: KernelConfig<any>[] = [sumKernel];
