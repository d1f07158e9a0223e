// Ops of the 'conv' family: each op validates its arguments and runs kernels through the engine.
export { conv1d } from './conv1d.js';
export { conv2d } from './conv2d.js';
export { fusedConv2d } from './fused-conv2d.js';
export { conv2dTranspose } from './conv2d-transpose.js';
export { depthwiseConv2d } from './depthwise-conv2d.js';
export { maxPool, avgPool, maxPool1d, avgPool1d } from './pool.js';
export { computeConv2DInfo } from './conv-info.js';
export type { Conv1DOptions } from './conv1d.js';
export type { Conv2DOptions } from './conv2d.js';
export type { FusedConv2DOptions } from './fused-conv2d.js';
export type { Conv2DTransposeOptions } from './conv2d-transpose.js';
export type { DepthwiseConv2DOptions } from './depthwise-conv2d.js';
export type { PoolOptions, Pool1DOptions } from './pool.js';
export type { ConvPadding, SpatialPair, Conv2DGeometryOptions } from './conv-info.js';
