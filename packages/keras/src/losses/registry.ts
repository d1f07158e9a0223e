import { NeuriteError, Registry, type RegisterOptions } from '@neurite/tensor';
import type { LossLike } from './loss.js';
import { camelCaseKeys, describeValue, normalizeIdentifier } from './argument-checks.js';
import { BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy } from './crossentropy.js';
import { LossFunctionWrapper, type LossFunction } from './loss-function-wrapper.js';
import { Huber, MeanAbsoluteError, MeanSquaredError } from './regression.js';

/** A loss's serialized form: its class name and constructor options (camelCase or Keras's snake_case keys). */
export interface LossConfig {
  className: string;
  config?: Record<string, unknown>;
}

/** Everything `getLoss` resolves: a name, a loss object, a loss function or a serialized loss. */
export type LossIdentifier = string | LossLike | LossFunction | LossConfig;

/** A loss class as `registerLoss` takes it: constructed from its config, with Keras's class name as a static. */
export type LossClass = (new (config?: any) => LossLike) & { className: string };

/** The registered loss classes by class name, for `{ className, config }` (and model files' compile configs). */
export const lossClasses = new Registry<LossClass>('loss class');
const builtIns: Record<string, new (config?: any) => LossLike> = {
  MeanSquaredError, MeanAbsoluteError, Huber, BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy,
};

/** Keras's loss names and aliases (snake_case; camelCase and class-name spellings match too) -> class name. */
const names: Record<string, string> = {
  mean_squared_error: 'MeanSquaredError',
  mse: 'MeanSquaredError',
  mean_absolute_error: 'MeanAbsoluteError',
  mae: 'MeanAbsoluteError',
  huber: 'Huber',
  huber_loss: 'Huber',
  binary_crossentropy: 'BinaryCrossentropy',
  bce: 'BinaryCrossentropy',
  categorical_crossentropy: 'CategoricalCrossentropy',
  sparse_categorical_crossentropy: 'SparseCategoricalCrossentropy',
};

const byKey = new Map<string, string>();
for (const [name, className] of Object.entries(names)) byKey.set(normalizeIdentifier(name), className);

/**
 * Makes a loss class known to `getLoss`/`deserializeLoss` (and so to model files) under its static
 * `className` and its camelCase/snake_case spellings. A downstream library registers its own this way.
 */
export function registerLoss(cls: LossClass): void {
  if (typeof cls !== 'function' || typeof cls.className !== 'string' || cls.className === '') {
    throw new NeuriteError('registerLoss: cls must be a Loss subclass with a static className');
  }
  addLossClass(cls.className, cls);
}

/** Registers a loss class under `className` (and its normalized spelling, for `getLoss`). */
export function addLossClass(className: string, cls: new (config?: any) => LossLike, options?: RegisterOptions, owner = 'registerLoss'): void {
  lossClasses.register(owner, [className], cls as LossClass, options);
  byKey.set(normalizeIdentifier(className), className);
}
for (const [className, cls] of Object.entries(builtIns)) addLossClass(className, cls);

/** The known loss names, as listed in error messages. */
export function knownLossNames(): string[] {
  return Object.keys(names);
}

/** The class name a loss name resolves to ('mse' -> 'MeanSquaredError'), or undefined. */
export function lossClassNameOf(name: string): string | undefined {
  return byKey.get(normalizeIdentifier(name));
}

function isLossLike(value: unknown): value is LossLike {
  return typeof value === 'object' && value !== null && typeof (value as LossLike).call === 'function' && typeof (value as LossLike).name === 'string';
}

/**
 * Resolves `compile`'s `loss`: a Keras name in snake_case or camelCase ('mse', 'categorical_crossentropy',
 * 'sparseCategoricalCrossentropy'), a loss object (returned as is), a function (wrapped, averaged over the
 * batch) or `{ className, config }`. An unknown name is an error listing the known ones.
 */
export function getLoss(identifier: LossIdentifier): LossLike {
  if (isLossLike(identifier)) return identifier;
  if (typeof identifier === 'function') return new LossFunctionWrapper(identifier);
  if (typeof identifier === 'string') {
    const className = lossClassNameOf(identifier);
    if (className === undefined) {
      throw new NeuriteError(`getLoss: unknown loss '${identifier}'; known: ${knownLossNames().join(', ')}. Received: loss=${describeValue(identifier)}`);
    }
    return new (lossClasses.require('getLoss', className))();
  }
  if (typeof identifier === 'object' && identifier !== null && typeof (identifier as LossConfig).className === 'string') {
    return deserializeLoss(identifier as LossConfig);
  }
  throw new NeuriteError(
    `getLoss: loss must be a loss name, a loss object, a function (yTrue, yPred) => Tensor or { className, config }. Received: loss=${describeValue(identifier)}`,
  );
}

/** Rebuilds a loss from `{ className, config }` (Keras's snake_case config keys are accepted). */
export function deserializeLoss(serialized: LossConfig): LossLike {
  const className = lossClassNameOf(serialized.className);
  if (className === undefined || !lossClasses.has(className)) {
    throw new NeuriteError(
      `deserializeLoss: unknown loss class '${serialized.className}'; known: ${lossClasses.names().join(', ')}. Received: className=${describeValue(serialized.className)}`,
    );
  }
  const config = serialized.config === undefined ? undefined : camelCaseKeys(serialized.config);
  return new (lossClasses.require('deserializeLoss', className))(config);
}

/** A loss's serialized form, `{ className, config }`. */
export function serializeLoss(loss: LossLike): LossConfig {
  return { className: loss.className, config: loss.getConfig() };
}
