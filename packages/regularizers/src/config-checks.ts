import { NeuriteError } from '@neurite/tensor';

/** Formats a received value for an error message (strings quoted, arrays bracketed). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(describeValue).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

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
