/** The error every Neurite argument check throws: it names the op, the argument and what was expected. */
export class NeuriteError extends Error {
  override name = 'NeuriteError';
}

/**
 * Formats a received value for an error message, the one value formatter of the project: arrays as
 * `[2,null]`, strings quoted, tensors by shape and dtype, typed arrays by kind and length, functions
 * by name, plain objects as JSON, class instances by class name.
 */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(describe).join(',')}]`;
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (value instanceof Float32Array || value instanceof Int32Array || value instanceof Uint8Array) {
    return `${value.constructor.name}(${value.length})`;
  }
  if (value !== null && typeof value === 'object') {
    if ('shape' in value && 'dtype' in value) {
      const t = value as { shape: number[]; dtype: string };
      return `Tensor(shape=${describe(t.shape)}, dtype=${t.dtype})`;
    }
    const className = (value as { constructor?: { name?: string } }).constructor?.name;
    if (className && className !== 'Object') return className;
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return String(value);
    }
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
