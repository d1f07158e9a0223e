// Losses: the classes, the `losses` namespace and `getLoss` for compile's `loss` argument.
export type { LossLike } from './loss.js';
export { Loss } from './loss-base.js';
export type { LossArgs, PerSampleLosses } from './loss-base.js';
export type { Reduction } from './reduction.js';
export { MeanSquaredError, MeanAbsoluteError, Huber } from './regression.js';
export type { HuberArgs } from './regression.js';
export { BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy } from './crossentropy.js';
export type { CrossentropyArgs, SparseCategoricalCrossentropyArgs } from './crossentropy.js';
export { LossFunctionWrapper } from './loss-function-wrapper.js';
export type { LossFunction } from './loss-function-wrapper.js';
export { getLoss, serializeLoss, deserializeLoss, knownLossNames, lossClassNameOf, registerLoss, lossClasses } from './registry.js';
export type { LossConfig, LossIdentifier, LossClass } from './registry.js';
export { losses } from './factories.js';
