// The regularization layers: the Dropout family, noise layers and ActivityRegularization.
export { Dropout } from './dropout.js';
export type { DropoutArgs, DropoutScaling } from './dropout.js';
export { SpatialDropout } from './spatial-dropout.js';
export type { SpatialDropoutArgs } from './spatial-dropout.js';
export { SpatialDropout1D } from './spatial-dropout1d.js';
export { SpatialDropout2D } from './spatial-dropout2d.js';
export { SpatialDropout3D } from './spatial-dropout3d.js';
export { GaussianDropout } from './gaussian-dropout.js';
export type { GaussianDropoutArgs } from './gaussian-dropout.js';
export { GaussianNoise } from './gaussian-noise.js';
export type { GaussianNoiseArgs } from './gaussian-noise.js';
export { AlphaDropout } from './alpha-dropout.js';
export type { AlphaDropoutArgs } from './alpha-dropout.js';
export { ActivityRegularization } from './activity-regularization.js';
export type { ActivityRegularizationArgs } from './activity-regularization.js';
