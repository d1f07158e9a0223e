// Convolution layers.
export { BaseConv } from './base-conv.js';
export type { BaseConvArgs, FilterConvArgs, ConvPaddingMode } from './base-conv.js';
export type { ConvArgs } from './conv.js';
export { Conv1D } from './conv1d.js';
export type { Conv1DArgs } from './conv1d.js';
export { Conv2D } from './conv2d.js';
export type { Conv2DArgs } from './conv2d.js';
export { Conv2DTranspose } from './conv2d-transpose.js';
export type { Conv2DTransposeArgs } from './conv2d-transpose.js';
export { DepthwiseConv2D } from './depthwise-conv2d.js';
export type { DepthwiseConv2DArgs } from './depthwise-conv2d.js';
