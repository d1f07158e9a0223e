import type { KernelConfig } from '@neurite/tensor';
import { broadcastToKernel } from './BroadcastTo.js';
import { reshapeKernel } from './Reshape.js';

/** The CPU kernels of the 'shape' family, one file per kernel. */
export const shapeKernels: KernelConfig<any>[] = [reshapeKernel, broadcastToKernel];
