import { argumentError } from '../../util/errors.js';
import { readOptionsObject } from '../../util/options.js';

/**
 * Reads an optional options object: undefined gives {}, anything but a plain object is an error, and so is
 * an unknown key (a misspelt `alpah` would otherwise be silently ignored).
 */
export function readOptions<T extends object>(op: string, options: T | undefined, keys: readonly (keyof T & string)[]): Partial<T> {
  if (options === null) throw argumentError(op, 'options', `an object such as { ${keys.join(', ')} }`, options);
  return readOptionsObject(op, options, keys);
}

/** A finite number option, or the default when it is left out. */
export function finiteNumber(op: string, arg: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw argumentError(op, arg, 'a finite number', value);
  return value;
}
