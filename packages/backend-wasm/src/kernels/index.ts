import type { AnyKernelConfig } from '@neurite/tensor';
import { conv2DKernel, fusedConv2DKernel } from './conv/Conv2D.js';
import { conv2DBackpropFilterKernel } from './conv/Conv2DBackpropFilter.js';
import { conv2DBackpropInputKernel } from './conv/Conv2DBackpropInput.js';
import { depthwiseConv2DBackpropFilterKernel, depthwiseConv2DBackpropInputKernel, depthwiseConv2DKernel } from './conv/depthwise.js';
import { avgPoolGradKernel, avgPoolKernel, maxPoolGradKernel, maxPoolKernel } from './conv/pool.js';
import { binaryKernels } from './elementwise/binary.js';
import { castKernel, selectKernel } from './elementwise/cast.js';
import { clipByValueKernel, leakyReluKernel, unaryKernels } from './elementwise/unary.js';
import { batchMatMulKernel, fusedMatMulKernel } from './linalg/BatchMatMul.js';
import { dropoutGradKernel, dropoutKernel } from './random/Dropout.js';
import { randomNormalKernel } from './random/RandomNormal.js';
import { randomUniformKernel } from './random/RandomUniform.js';
import { maxKernel, minKernel, sumKernel } from './reduction/reduce.js';
import { gatherKernel } from './shape/Gather.js';
import { broadcastToKernel, sliceKernel, stridedSliceKernel, tileKernel, transposeKernel } from './shape/strided.js';

/**
 * The kernels written for this backend, in WebAssembly. Some cover only the common dtypes or
 * patterns and hand the rest to the CPU's kernel over views of the same memory (see each file).
 */
export const wasmKernels: AnyKernelConfig[] = [
  ...unaryKernels, ...binaryKernels, leakyReluKernel, clipByValueKernel, castKernel, selectKernel,
  sumKernel, maxKernel, minKernel,
  batchMatMulKernel, fusedMatMulKernel,
  broadcastToKernel, tileKernel, transposeKernel, sliceKernel, stridedSliceKernel, gatherKernel,
  conv2DKernel, fusedConv2DKernel, conv2DBackpropFilterKernel, conv2DBackpropInputKernel,
  depthwiseConv2DKernel, depthwiseConv2DBackpropInputKernel, depthwiseConv2DBackpropFilterKernel,
  maxPoolKernel, avgPoolKernel, maxPoolGradKernel, avgPoolGradKernel,
  randomUniformKernel, randomNormalKernel, dropoutKernel, dropoutGradKernel,
];
