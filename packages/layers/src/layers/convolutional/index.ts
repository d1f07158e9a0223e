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
export { SeparableConv1D, SeparableConv2D } from './separable-conv.js';
export type { SeparableConvArgs } from './separable-conv.js';
export { Conv3D } from './conv3d.js';
export type { Conv3DArgs } from './conv3d.js';
