import { NeuriteError, Tensor, tensor, type TensorLike, describeValue } from '@neurite/tensor';

/** What `fit` / `evaluate` / `predict` accept for x or y: a tensor, a list (one per input/output), a record by name, or plain arrays. */
export type ModelData = Tensor | Tensor[] | Record<string, Tensor> | TensorLike;

/** Data as one tensor per model input (or output), plus the tensors converted here (the caller frees them). */
export interface NormalizedData {
  tensors: Tensor[];
  owned: Tensor[];
}

function asTensor(owner: string, arg: string, value: unknown, owned: Tensor[]): Tensor {
  if (value instanceof Tensor) {
    if (value.isDisposed) throw new NeuriteError(`${owner}: ${arg} was disposed. Received: ${arg}=a disposed tensor`);
    return value;
  }
  if (typeof value === 'number' || Array.isArray(value) || ArrayBuffer.isView(value)) {
    const t = tensor(value as TensorLike);
    owned.push(t);
    return t;
  }
  throw new NeuriteError(`${owner}: ${arg} must be a Tensor, a list of Tensors, a record of Tensors by name or an array. Received: ${arg}=${describeValue(value)}`);
}

/**
 * Turns x or y into one tensor per name (model inputs or outputs), in the model's order: a single
 * tensor for a single name, a list in order, or a record keyed by name.
 */
export function normalizeData(owner: string, arg: string, data: unknown, names: string[], what: 'inputs' | 'outputs'): NormalizedData {
  const owned: Tensor[] = [];
  let tensors: Tensor[];
  if (data == null) throw new NeuriteError(`${owner}: ${arg} is required. Received: ${arg}=${describeValue(data)}`);
  if (Array.isArray(data) && data.length > 0 && data.every((d) => d instanceof Tensor)) {
    tensors = data.map((d, i) => asTensor(owner, `${arg}[${i}]`, d, owned));
  } else if (!(data instanceof Tensor) && typeof data === 'object' && !Array.isArray(data) && !ArrayBuffer.isView(data)) {
    const record = data as Record<string, unknown>;
    const unknownKey = Object.keys(record).find((k) => !names.includes(k));
    if (unknownKey !== undefined) {
      throw new NeuriteError(`${owner}: ${arg} has a key '${unknownKey}' that is none of the model's ${what} [${names.join(', ')}]`);
    }
    tensors = names.map((name) => {
      if (!(name in record)) throw new NeuriteError(`${owner}: ${arg} has no entry for the model's ${what.slice(0, -1)} '${name}'`);
      return asTensor(owner, `${arg}.${name}`, record[name], owned);
    });
  } else {
    tensors = [asTensor(owner, arg, data, owned)];
  }
  if (names.length > 0 && tensors.length !== names.length) {
    owned.forEach((t) => t.dispose());
    throw new NeuriteError(
      `${owner}: the model has ${names.length} ${what} [${names.join(', ')}], but ${arg} holds ${tensors.length} tensor(s)`,
    );
  }
  const scalar = tensors.findIndex((t) => t.rank === 0);
  if (scalar >= 0) {
    owned.forEach((t) => t.dispose());
    throw new NeuriteError(`${owner}: ${arg}${tensors.length > 1 ? `[${scalar}]` : ''} must have a batch axis (rank >= 1). Received: a scalar`);
  }
  return { tensors, owned };
}

/** The number of samples (the batch axis) shared by every tensor of x and y; an error names both counts. */
export function sampleCount(owner: string, x: Tensor[], y: Tensor[] | null, names: [string, string] = ['x', 'y']): number {
  const [xName, yName] = names;
  const n = x[0].shape[0];
  x.forEach((t, i) => {
    if (t.shape[0] !== n) {
      throw new NeuriteError(`${owner}: every input must have the same number of samples. Received: ${xName}[0] has ${n}, ${xName}[${i}] has ${t.shape[0]}`);
    }
  });
  if (y) {
    y.forEach((t, i) => {
      if (t.shape[0] !== n) {
        const which = y.length > 1 ? `${yName}[${i}]` : yName;
        throw new NeuriteError(`${owner}: ${xName} and ${yName} must have the same number of samples. Received: ${xName} has ${n} samples, ${which} has ${t.shape[0]}`);
      }
    });
  }
  return n;
}

function indexOf(flat: number, shape: readonly number[]): number[] {
  const index: number[] = new Array(shape.length);
  let rest = flat;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = rest % shape[axis];
    rest = Math.floor(rest / shape[axis]);
  }
  return index;
}

/** Throws if `values` (of tensors[i]) hold a NaN or an infinity, naming the argument and the first index where it sits. */
function rejectNonFinite(owner: string, arg: string, tensors: Tensor[], i: number, values: ArrayLike<number>): void {
  for (let k = 0; k < values.length; k++) {
    if (!Number.isFinite(values[k])) {
      const name = tensors.length > 1 ? `${arg}[${i}]` : arg;
      const index = indexOf(k, tensors[i].shape);
      throw new NeuriteError(`${owner}: ${name} contains ${values[k]} at index [${index.join(', ')}] (sample ${index[0]}); data must be finite`);
    }
  }
}

/**
 * Rejects data holding NaN or ±Infinity, naming the argument (x, y[1], …) and the first index where it
 * sits, before any step runs. Reads with `await data()`.
 */
export async function assertFinite(owner: string, arg: string, tensors: Tensor[]): Promise<void> {
  for (let i = 0; i < tensors.length; i++) {
    if (tensors[i].dtype === 'float32') rejectNonFinite(owner, arg, tensors, i, await tensors[i].data());
  }
}

/** `assertFinite` for the synchronous trainOnBatch / testOnBatch / predict (backends with `readSync` only). */
export function assertFiniteSync(owner: string, arg: string, tensors: Tensor[]): void {
  tensors.forEach((t, i) => {
    if (t.dtype === 'float32') rejectNonFinite(owner, arg, tensors, i, t.dataSync());
  });
}
