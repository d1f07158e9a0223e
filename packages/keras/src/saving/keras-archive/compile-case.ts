// Key case at the file boundary for compile configs: Keras writes snake_case (`beta_1`, `learning_rate`),
// Neurite's optimizers, schedules, losses and metrics take camelCase (`beta1`, `learningRate`).

export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function camelToSnake(key: string): string {
  return key.replace(/([A-Z])/g, '_$1').toLowerCase().replace(/([a-z])(\d)/g, '$1_$2');
}

export function mapKeys(record: Record<string, unknown>, fn: (key: string) => string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [fn(k), v]));
}
