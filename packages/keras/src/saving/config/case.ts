// Key spelling at the file boundary: Keras's snake_case and Neurite's camelCase.

/** `max_value` -> `maxValue`. */
export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `maxValue` -> `max_value` (digits stay attached: `conv2d` stays `conv2d`). */
export function camelToSnake(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

export function mapKeys(config: Record<string, unknown>, convert: (key: string) => string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [convert(k), v]));
}
