import { NeuriteError, Registry } from '@neurite/tensor';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { AdamW } from './adamw.js';
import type { Optimizer, SerializedConfig } from './base-optimizer.js';
import type { OptimizerLike } from './optimizer.js';
import { RMSprop } from './rmsprop.js';
import { getSchedule, normalizeIdentifier } from './schedules/get-schedule.js';
import { SGD } from './sgd.js';
import { argError } from './validate.js';

/** An optimizer class as the registry holds it. */
export type OptimizerClass = new (args?: Record<string, unknown>) => Optimizer;

/** Optimizers by normalised name; the lower-case Keras class names double as the string aliases. */
export const optimizerClasses = new Registry<OptimizerClass>('optimizer');
const builtIns: [string, unknown][] = [['sgd', SGD], ['adam', Adam], ['adamw', AdamW], ['rmsprop', RMSprop], ['adagrad', Adagrad]];
for (const [name, cls] of builtIns) optimizerClasses.register('registerOptimizer', [name], cls as OptimizerClass);

const KNOWN = "'sgd', 'adam', 'adamw', 'rmsprop', 'adagrad' (or the class names SGD, Adam, AdamW, RMSprop, Adagrad)";

function isOptimizerLike(value: unknown): value is OptimizerLike {
  return value !== null && typeof value === 'object' && typeof (value as OptimizerLike).applyGradients === 'function';
}

function classFor(name: string): OptimizerClass {
  const cls = optimizerClasses.get(normalizeIdentifier(name));
  if (!cls) throw new NeuriteError(`getOptimizer: unknown optimizer '${name}'. Known optimizers: ${KNOWN}`);
  return cls;
}

/**
 * An optimizer from a name (Keras's: 'adam', 'SGD', 'RMSprop', 'adam_w'; case- and
 * underscore-insensitive, built with defaults), an instance (returned as-is) or a serialized `{ className, config }`
 * (a schedule learning rate in the config may itself be `{ className, config }`).
 */
export function getOptimizer(
  identifier: string | OptimizerLike | { className: string; config?: Record<string, unknown> },
): OptimizerLike {
  if (typeof identifier === 'string') return new (classFor(identifier))();
  if (isOptimizerLike(identifier)) return identifier;
  const id = identifier as { className?: unknown; config?: unknown };
  if (id === null || typeof id !== 'object' || typeof id.className !== 'string') {
    throw argError('getOptimizer', 'identifier', `a name (${KNOWN}), an optimizer or { className, config }`, identifier);
  }
  const cls = classFor(id.className);
  const config = { ...((id.config ?? {}) as Record<string, unknown>) };
  const lr = config.learningRate;
  if (lr !== null && typeof lr === 'object') config.learningRate = getSchedule(lr as { className: string });
  return new cls(config);
}

/** The serialized form `{ className, config }` of an optimizer, which `getOptimizer` reads back. */
export function serializeOptimizer(optimizer: OptimizerLike): SerializedConfig {
  return { className: optimizer.className, config: optimizer.getConfig() };
}
