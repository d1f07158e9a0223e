// The losses' argument checks: the shared ones from the tensor core, and the config check that knows
// a tensor passed as options is a TensorFlow.js-style call.
import { Tensor, argumentError, checkNonEmptyString, describeValue, readOptionsObject } from '@neurite/tensor';

export { argumentError, describeValue };
export { checkBoolean, checkNumberInRange, checkPositive, checkInteger, normalizeIdentifier, camelCaseKeys } from '@neurite/tensor';

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

/** A non-empty name. */
export function checkName(owner: string, value: unknown): string {
  return checkNonEmptyString(owner, 'name', value);
}
