import type { AnyKernelConfig } from '@neurite/tensor';
import { randomNormalKernel } from './RandomNormal.js';
import { randomUniformKernel } from './RandomUniform.js';
import { truncatedNormalKernel } from './TruncatedNormal.js';

/** The CPU kernels of the 'random' family, one file per kernel. */
export const randomKernels: AnyKernelConfig[] = [randomUniformKernel, randomNormalKernel, truncatedNormalKernel];
