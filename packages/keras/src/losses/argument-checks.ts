import { Tensor } from '@neurite/tensor';

// One error format for the whole project: `Owner: arg must be <expected>. Received: arg=<value>`.
import { argumentError, describeValue, readOptionsObject } from '@neurite/tensor';

export { argumentError, describeValue };

/**
 * Checks a constructor's config: undefined or a plain object whose keys are all known. Unknown keys are
 * errors (Keras raises on unexpected keyword arguments), so a typo is never silently ignored. A tensor
 * here usually means a TensorFlow.js-style call `losses.x(yTrue, yPred)`, so the message says so.
 */
export function checkConfig<T extends object>(owner: string, config: T | undefined, known: readonly string[]): Partial<T> {
  if (config === undefined || config === null) return {};
  if (config instanceof Tensor) {
    throw argumentError(owner, 'config', 'an options object (to compute a value, use .call(yTrue, yPred))', config);
  }
  return readOptionsObject(owner, config, known, 'config');
}

/** A boolean, else an error naming the argument. */
export function checkBoolean(owner: string, arg: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw argumentError(owner, arg, 'a boolean', value);
  return value;
}

/** A finite number in [min, max], else an error naming the argument. */
export function checkNumberInRange(owner: string, arg: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw argumentError(owner, arg, `a finite number in [${min}, ${max}]`, value);
  }
  return value;
}

/** A finite number > 0, else an error naming the argument. */
export function checkPositive(owner: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw argumentError(owner, arg, 'a finite number > 0', value);
  }
  return value;
}

/** An integer (any sign), else an error naming the argument. */
export function checkInteger(owner: string, arg: string, value: unknown, min = -Infinity): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw argumentError(owner, arg, min === -Infinity ? 'an integer' : `an integer >= ${min}`, value);
  }
  return value;
}

/** A non-empty string, else an error naming the argument. */
export function checkName(owner: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw argumentError(owner, 'name', 'a non-empty string', value);
  return value;
}

/** The key every spelling of a name maps to: 'mean_squared_error', 'meanSquaredError' and 'MeanSquaredError' agree. */
export function normalizeIdentifier(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

/** snake_case config keys (Keras's JSON) to camelCase (this library's options). */
export function camelCaseKeys(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) out[key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = value;
  return out;
}
