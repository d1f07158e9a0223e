import type { AnyKernelConfig } from '@neurite/tensor';
import { broadcastToKernel } from './BroadcastTo.js';
import { concatKernel } from './Concat.js';
import { gatherKernel } from './Gather.js';
import { oneHotKernel } from './OneHot.js';
import { padKernel } from './Pad.js';
import { reshapeKernel } from './Reshape.js';
import { sliceKernel } from './Slice.js';
import { stridedSliceKernel } from './StridedSlice.js';
import { stridedSliceGradKernel } from './StridedSliceGrad.js';
import { tileKernel } from './Tile.js';
import { transposeKernel } from './Transpose.js';
import { unsortedSegmentSumKernel } from './UnsortedSegmentSum.js';

/** The CPU kernels of the 'shape' family, one file per kernel. */
export const shapeKernels: AnyKernelConfig[] = [
  reshapeKernel, broadcastToKernel, transposeKernel, concatKernel, sliceKernel, stridedSliceKernel,
  stridedSliceGradKernel, gatherKernel, unsortedSegmentSumKernel, padKernel, tileKernel, oneHotKernel,
];
