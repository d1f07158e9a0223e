// The argument checks every package shares (and downstream libraries may use), each throwing Neurite's
// one message form: `Owner: arg must be <expected>. Received: arg=<value>`. They reject, never clamp.
import { argumentError } from './errors.js';
import { readOptionsObject } from './options.js';

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A boolean. */
export function checkBoolean(owner: string, arg: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw argumentError(owner, arg, 'a boolean', value);
  return value;
}

/** A finite number (any sign). */
export function checkFinite(owner: string, arg: string, value: unknown): number {
  if (!isFiniteNumber(value)) throw argumentError(owner, arg, 'a finite number', value);
  return value;
}

/** A finite number > 0. */
export function checkPositive(owner: string, arg: string, value: unknown): number {
  if (!isFiniteNumber(value) || value <= 0) throw argumentError(owner, arg, 'a finite number > 0', value);
  return value;
}

/** A finite number >= 0. */
export function checkNonNegative(owner: string, arg: string, value: unknown): number {
  if (!isFiniteNumber(value) || value < 0) throw argumentError(owner, arg, 'a finite number >= 0', value);
  return value;
}

/** A finite number in [min, max]. */
export function checkNumberInRange(owner: string, arg: string, value: unknown, min: number, max: number): number {
  if (!isFiniteNumber(value) || value < min || value > max) throw argumentError(owner, arg, `a finite number in [${min}, ${max}]`, value);
  return value;
}

/** An integer, or an integer >= `min`. */
export function checkInteger(owner: string, arg: string, value: unknown, min = -Infinity): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw argumentError(owner, arg, min === -Infinity ? 'an integer' : `an integer >= ${min}`, value);
  }
  return value;
}

/** An integer >= 1. */
export function checkPositiveInt(owner: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw argumentError(owner, arg, 'a positive integer', value);
  return value;
}

/** A non-empty string. */
export function checkNonEmptyString(owner: string, arg: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw argumentError(owner, arg, 'a non-empty string', value);
  return value;
}

/** One of a fixed set of strings (listed in the message as `'a', 'b'`, or `'a' or 'b'` with `joiner`). */
export function checkOneOf<T extends string>(owner: string, arg: string, value: unknown, allowed: readonly T[], joiner = ', '): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    const list = allowed.map((a) => `'${a}'`).join(joiner);
    throw argumentError(owner, arg, joiner === ', ' ? `one of ${list}` : list, value);
  }
  return value as T;
}

/** An optional integer seed: null/undefined mean "draw from the global generator". */
export function checkOptionalSeed(owner: string, value: unknown, expected = 'an integer (or null)'): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw argumentError(owner, 'seed', expected, value);
  return value;
}

/**
 * A constructor's config: undefined (no options) or a plain object whose keys are all known. An unknown
 * key is an `UnknownOptionError` that names it (a typo is never silently ignored).
 */
export function checkConfig<T extends object>(owner: string, config: T | undefined, known: readonly string[]): Partial<T> {
  return readOptionsObject(owner, config, known, 'config');
}

/** The key every spelling of a name maps to: 'mean_squared_error', 'meanSquaredError' and 'MeanSquaredError' agree. */
export function normalizeIdentifier(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

/** snake_case keys (Keras's JSON) to camelCase (Neurite's options), one level deep. */
export function camelCaseKeys(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) out[key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = value;
  return out;
}
