// The initializers' argument checks, from the tensor core's one module.
import { checkOptionalSeed } from '@neurite/tensor';

export { argumentError, describeValue, checkConfig, checkFinite, checkNonNegative, checkOneOf } from '@neurite/tensor';

/** An initializer's seed: a safe integer, or null/undefined for the global generator. */
export function checkSeed(owner: string, value: unknown): number | null {
  return checkOptionalSeed(owner, value, 'an integer, null or undefined');
}
