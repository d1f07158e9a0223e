import { describeValue, readOptionsObject } from '@neurite/tensor';

export { describeValue };

/**
 * Checks a constructor's config: undefined or a plain object whose keys are all known. An unknown key is
 * an error (Keras raises on unexpected keyword arguments), so a typo such as `{ l2 }` given to `L1` is
 * never silently ignored.
 */
export function checkConfig<T extends object>(owner: string, config: T | undefined, known: readonly string[]): Partial<T> {
  return readOptionsObject(owner, config, known, 'config');
}
