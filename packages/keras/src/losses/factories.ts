import {
  BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy, type CrossentropyArgs,
  type SparseCategoricalCrossentropyArgs,
} from './crossentropy.js';
import { Loss, type LossArgs } from './loss-base.js';
import { LossFunctionWrapper } from './loss-function-wrapper.js';
import { Huber, MeanAbsoluteError, MeanSquaredError, type HuberArgs } from './regression.js';
import { deserializeLoss, getLoss, registerLoss, serializeLoss } from './registry.js';

/**
 * The losses namespace, Keras-style: the classes (`new losses.Huber({ delta: 2 })`), camelCase factories
 * (`losses.categoricalCrossentropy({ fromLogits: true })`) and `get`/`serialize`/`deserialize`.
 */
export const losses = {
  Loss,
  MeanSquaredError,
  MeanAbsoluteError,
  Huber,
  BinaryCrossentropy,
  CategoricalCrossentropy,
  SparseCategoricalCrossentropy,
  LossFunctionWrapper,
  meanSquaredError: (args?: LossArgs) => new MeanSquaredError(args),
  meanAbsoluteError: (args?: LossArgs) => new MeanAbsoluteError(args),
  huber: (args?: HuberArgs) => new Huber(args),
  binaryCrossentropy: (args?: CrossentropyArgs) => new BinaryCrossentropy(args),
  categoricalCrossentropy: (args?: CrossentropyArgs) => new CategoricalCrossentropy(args),
  sparseCategoricalCrossentropy: (args?: SparseCategoricalCrossentropyArgs) => new SparseCategoricalCrossentropy(args),
  get: getLoss,
  serialize: serializeLoss,
  deserialize: deserializeLoss,
  register: registerLoss,
} as const;
