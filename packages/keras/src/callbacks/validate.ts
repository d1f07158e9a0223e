import { argumentError, checkNonEmptyString, readOptionsObject } from '@neurite/tensor';

// Argument checks shared by the callbacks. Each rejects (never clamps) with Neurite's message form:
// `Owner: arg must be <expected>. Received: arg=<value>`.

/** The NeuriteError for a bad argument. */
export const argError = argumentError;
export { checkNonNegative } from '@neurite/tensor';

/** An options object (or undefined) whose keys are all in `allowed`; typos such as snake_case keys are rejected. */
export function checkOptions<T extends object>(owner: string, options: T | undefined, allowed: readonly string[]): Partial<T> {
  return readOptionsObject(owner, options, allowed);
}

/** An integer >= 0. */
export function checkNonNegativeInt(owner: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw argError(owner, arg, 'an integer >= 0', value);
  return value;
}

/** A non-empty string. */
export function checkName(owner: string, arg: string, value: unknown): string {
  return checkNonEmptyString(owner, arg, value);
}

/** A verbosity level, 0 or 1 (callbacks that only print a message when something happens). */
export function checkVerbose(owner: string, value: unknown): 0 | 1 {
  if (value !== 0 && value !== 1) throw argError(owner, 'verbose', '0 or 1', value);
  return value;
}
