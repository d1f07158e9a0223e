import { NeuriteError, describeValue } from '@neurite/tensor';

export { describeValue };

/**
 * Checks a constructor's config: undefined or a plain object whose keys are all known. An unknown key is
 * an error (Keras raises on unexpected keyword arguments), so a typo such as `{ l2 }` given to `L1` is
 * never silently ignored.
 */
export function checkConfig<T extends object>(owner: string, config: T | undefined, known: readonly string[]): Partial<T> {
  if (config === undefined) return {};
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new NeuriteError(`${owner}: config must be an object. Received: config=${describeValue(config)}`);
  }
  for (const key of Object.keys(config)) {
    if (!known.includes(key)) {
      throw new NeuriteError(
        `${owner}: unknown config key '${key}'; known keys: ${known.join(', ')}. Received: ${key}=${describeValue((config as Record<string, unknown>)[key])}`,
      );
    }
  }
  return config;
}
