import type { AnyKernelConfig } from '@neurite/tensor';
import { convKernels } from './conv/index.js';
import { elementwiseKernels } from './elementwise/index.js';
import { linalgKernels } from './linalg/index.js';
import { randomKernels } from './random/index.js';
import { reductionKernels } from './reduction/index.js';
import { shapeKernels } from './shape/index.js';

/** Every GPU kernel. */
export const gpuKernels: AnyKernelConfig[] = [
  ...elementwiseKernels,
  ...reductionKernels,
  ...shapeKernels,
  ...linalgKernels,
  ...convKernels,
  ...randomKernels,
];
