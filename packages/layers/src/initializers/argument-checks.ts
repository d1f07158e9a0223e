// One error format for the whole project: `Owner: arg must be <expected>. Received: arg=<value>`.
import { argumentError, describeValue, readOptionsObject } from '@neurite/tensor';

export { argumentError, describeValue };

/**
 * Checks a constructor's config: undefined or a plain object whose keys are all known. Unknown keys are
 * errors (Keras raises on unexpected keyword arguments), so a typo is never silently ignored; the file
 * readers catch the `UnknownOptionError` to tolerate newer Keras versions' bookkeeping keys.
 */
export function checkConfig<T extends object>(owner: string, config: T | undefined, known: readonly string[]): Partial<T> {
  return readOptionsObject(owner, config, known, 'config');
}

/** A finite number, else an error naming the argument. */
export function checkFinite(owner: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw argumentError(owner, arg, 'a finite number', value);
  return value;
}

/** A finite number >= 0. */
export function checkNonNegative(owner: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw argumentError(owner, arg, 'a finite number >= 0', value);
  }
  return value;
}

/** An initializer's seed: a safe integer, or null/undefined for the global generator. */
export function checkSeed(owner: string, value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw argumentError(owner, 'seed', 'an integer, null or undefined', value);
  }
  return value;
}

/** One of a fixed set of strings. */
export function checkOneOf<T extends string>(owner: string, arg: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw argumentError(owner, arg, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
  }
  return value as T;
}
