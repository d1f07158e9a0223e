// Reshaping layers.
export { Flatten } from './flatten.js';
export type { FlattenArgs } from './flatten.js';
export { Reshape } from './reshape.js';
export type { ReshapeArgs } from './reshape.js';
export { ZeroPadding1D, ZeroPadding2D } from './zero-padding.js';
export type { ZeroPaddingArgs } from './zero-padding.js';
export { Cropping1D, Cropping2D } from './cropping.js';
export type { CroppingArgs } from './cropping.js';
export { UpSampling1D, UpSampling2D } from './up-sampling.js';
export type { UpSamplingArgs } from './up-sampling.js';
export type { SpatialEditArgs } from './spatial-edit.js';
export { SpatialEdit } from './spatial-edit.js';
export { RepeatVector } from './repeat-vector.js';
export type { RepeatVectorArgs } from './repeat-vector.js';
export { Permute } from './permute.js';
export type { PermuteArgs } from './permute.js';
export { Rescaling } from '../preprocessing/rescaling.js';
export type { RescalingArgs } from '../preprocessing/rescaling.js';
