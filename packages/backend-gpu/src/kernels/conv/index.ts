import type { AnyKernelConfig } from '@neurite/tensor';
import { avgPoolKernel } from './AvgPool.js';
import { avgPoolGradKernel } from './AvgPoolGrad.js';
import { conv2DKernel } from './Conv2D.js';
import { conv2DBackpropFilterKernel } from './Conv2DBackpropFilter.js';
import { conv2DBackpropInputKernel } from './Conv2DBackpropInput.js';
import { depthwiseConv2DKernel } from './DepthwiseConv2D.js';
import { depthwiseConv2DBackpropFilterKernel } from './DepthwiseConv2DBackpropFilter.js';
import { depthwiseConv2DBackpropInputKernel } from './DepthwiseConv2DBackpropInput.js';
import { maxPoolKernel } from './MaxPool.js';
import { maxPoolGradKernel } from './MaxPoolGrad.js';

/** The GPU kernels of the 'conv' family, one file per kernel. */
export const convKernels: AnyKernelConfig[] = [
  conv2DKernel, conv2DBackpropInputKernel, conv2DBackpropFilterKernel,
  depthwiseConv2DKernel, depthwiseConv2DBackpropInputKernel, depthwiseConv2DBackpropFilterKernel,
  maxPoolKernel, maxPoolGradKernel, avgPoolKernel, avgPoolGradKernel,
];
