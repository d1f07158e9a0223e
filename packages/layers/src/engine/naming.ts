/** `Conv2DTranspose` -> `conv2d_transpose`, `BatchNormalization` -> `batch_normalization`, as Keras names layers. */
export function toSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

const counters = new Map<string, number>();

/** `dense`, then `dense_1`, `dense_2`, … per base name, for the life of the process. */
export function uniqueName(base: string): string {
  const n = counters.get(base) ?? 0;
  counters.set(base, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}

/** Forgets the counters (tests, and a fresh model session). */
export function resetNameCounters(): void {
  counters.clear();
}
