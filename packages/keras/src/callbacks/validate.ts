import { NeuriteError, readOptionsObject } from '@neurite/tensor';

// Argument checks shared by the callbacks. Each rejects (never clamps) with Neurite's message form:
// `Owner: arg must be <expected>. Received: arg=<value>`.

/** Formats a received value for an error message: strings quoted, arrays bracketed, objects by class. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(describe).join(',')}]`;
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (value !== null && typeof value === 'object') {
    const name = (value as { constructor?: { name?: string } }).constructor?.name;
    return name && name !== 'Object' ? name : JSON.stringify(value) ?? String(value);
  }
  return String(value);
}

/** The NeuriteError for a bad argument. */
export function argError(owner: string, arg: string, expected: string, received: unknown): NeuriteError {
  return new NeuriteError(`${owner}: ${arg} must be ${expected}. Received: ${arg}=${describe(received)}`);
}

/** An options object (or undefined) whose keys are all in `allowed`; typos such as snake_case keys are rejected. */
export function checkOptions<T extends object>(owner: string, options: T | undefined, allowed: readonly string[]): Partial<T> {
  return readOptionsObject(owner, options, allowed);
}

/** A finite number >= 0. */
export function checkNonNegative(owner: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw argError(owner, arg, 'a finite number >= 0', value);
  return value;
}

/** An integer >= 0. */
export function checkNonNegativeInt(owner: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw argError(owner, arg, 'an integer >= 0', value);
  return value;
}

/** A non-empty string. */
export function checkName(owner: string, arg: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw argError(owner, arg, 'a non-empty string', value);
  return value;
}

/** A verbosity level, 0 or 1 (callbacks that only print a message when something happens). */
export function checkVerbose(owner: string, value: unknown): 0 | 1 {
  if (value !== 0 && value !== 1) throw argError(owner, 'verbose', '0 or 1', value);
  return value;
}
