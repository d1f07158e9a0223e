/** The error every Neurite argument check throws: it names the op, the argument and what was expected. */
export class NeuriteError extends Error {
  override name = 'NeuriteError';
}

/** Formats a value for an error message: arrays and shapes as `[2,3]`, strings quoted, numbers as-is. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(describe).join(',')}]`;
  if (typeof value === 'string') return `'${value}'`;
  if (value instanceof Float32Array || value instanceof Int32Array || value instanceof Uint8Array) {
    return `${value.constructor.name}(${value.length})`;
  }
  if (value !== null && typeof value === 'object' && 'shape' in value && 'dtype' in value) {
    const t = value as { shape: number[]; dtype: string };
    return `Tensor(shape=${describe(t.shape)}, dtype=${t.dtype})`;
  }
  return String(value);
}

/**
 * `op: arg must be <expected>. Received: arg=<value>` — the Keras way: reject, never clamp, and end with
 * what was received.
 */
export function argumentError(op: string, arg: string, expected: string, received: unknown): NeuriteError {
  return new NeuriteError(`${op}: ${arg} must be ${expected}. Received: ${arg}=${describe(received)}`);
}

export function assert(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new NeuriteError(message());
}
