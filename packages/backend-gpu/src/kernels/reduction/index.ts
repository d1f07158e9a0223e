import type { AnyKernelConfig } from '@neurite/tensor';
import { argMaxKernel } from './ArgMax.js';
import { argMinKernel } from './ArgMin.js';
import { maxKernel } from './Max.js';
import { minKernel } from './Min.js';
import { prodKernel } from './Prod.js';
import { sumKernel } from './Sum.js';

/** The GPU kernels of the 'reduction' family, one file per kernel. */
export const reductionKernels: AnyKernelConfig[] = [sumKernel, prodKernel, maxKernel, minKernel, argMaxKernel, argMinKernel];
