import type { Backend, DataId, TensorInfo } from './engine/backend.js';
import type { DType, Shape, TypedArray } from './types.js';
import { NeuriteError, argumentError } from './util/errors.js';
import { formatValues, toNestedArray } from './util/format.js';
import { sizeFromShape } from './util/shape.js';

/**
 * What a tensor asks of the engine that made it. The engine installs itself here when it loads, so the
 * tensor classes need not import it (the engine imports them to make tensors).
 */
export interface TensorOwner {
  backendOf(t: Tensor): Backend;
  disposeTensor(t: Tensor): void;
  assignVariable(v: Variable, value: Tensor): void;
}

let ENGINE: TensorOwner;

/** @internal Called once, by the engine. */
export function setTensorOwner(owner: TensorOwner): void {
  ENGINE = owner;
}

/** @internal The engine's view of a tensor's storage; shared with the finalizer as its held value. */
export interface TensorHandle {
  dataId: DataId;
  backendName: string;
  disposed: boolean;
}

/**
 * An immutable n-dimensional array (rank 0 to 6) on a backend. Create one with `tensor()`, `zeros()` and
 * friends; read it with `await t.data()`. Dispose it with `dispose()` or let `tidy()` do it; a forgotten
 * tensor is freed when it is garbage-collected.
 */
export class Tensor {
  readonly shape: readonly number[];
  readonly size: number;
  /** Set by `keep()`: `tidy` leaves it alive. */
  kept = false;

  /** @internal Use `tensor()` and the other creation ops. */
  constructor(
    /** @internal */ readonly handle: TensorHandle,
    shape: Shape,
    readonly dtype: DType,
    readonly id: number,
  ) {
    this.shape = Object.freeze([...shape]);
    this.size = sizeFromShape(shape);
  }

  get rank(): number {
    return this.shape.length;
  }

  get isDisposed(): boolean {
    return this.handle.disposed;
  }

  /** @internal What a kernel sees. */
  get info(): TensorInfo {
    return { dataId: this.handle.dataId, shape: this.shape, dtype: this.dtype };
  }

  /** @internal */
  assertAlive(op: string): void {
    if (this.handle.disposed) {
      throw new NeuriteError(`${op}: tensor of shape [${this.shape}] (id ${this.id}) was read after it was disposed`);
    }
  }

  /** The values, flat in row-major order (a copy). Works on every backend. */
  async data(): Promise<TypedArray> {
    this.assertAlive('data');
    const backend = ENGINE.backendOf(this);
    const values = await backend.read(this.handle.dataId);
    return backend.readsCopies ? values : (values.slice() as TypedArray);
  }

  /** The values, synchronously, where the backend allows it; otherwise an error that says to use `data()`. */
  dataSync(): TypedArray {
    this.assertAlive('dataSync');
    const backend = ENGINE.backendOf(this);
    if (!backend.readSync) {
      throw new NeuriteError(
        `dataSync: backend '${this.handle.backendName}' cannot read synchronously; use 'await tensor.data()' instead`,
      );
    }
    const values = backend.readSync(this.handle.dataId);
    return backend.readsCopies ? values : (values.slice() as TypedArray);
  }

  /** The values as nested arrays (booleans for bool tensors). */
  async array(): Promise<unknown> {
    return toNestedArray(await this.data(), this.shape, this.dtype);
  }

  arraySync(): unknown {
    return toNestedArray(this.dataSync(), this.shape, this.dtype);
  }

  toString(): string {
    const head = `Tensor(shape=[${this.shape.join(', ')}], dtype=${this.dtype})`;
    if (this.handle.disposed) return `${head} <disposed>`;
    const backend = ENGINE.backendOf(this);
    if (!backend.readSync) return `${head} <on '${this.handle.backendName}': use await data() to read>`;
    return `${head}\n${formatValues(backend.readSync(this.handle.dataId), this.shape, this.dtype)}`;
  }

  print(): void {
    console.log(this.toString());
  }

  /** Frees the tensor's reference to its buffer. Disposing twice is harmless. */
  dispose(): void {
    ENGINE.disposeTensor(this);
  }
}

/**
 * A mutable tensor: model weights. `assign` replaces its value (same shape and dtype); `variableGrads`
 * differentiates with respect to every trainable variable. Variables are never disposed by `tidy`.
 */
export class Variable extends Tensor {
  /** @internal Use `variable()`. */
  constructor(handle: TensorHandle, shape: Shape, dtype: DType, id: number, readonly name: string, public trainable: boolean) {
    super(handle, shape, dtype, id);
    this.kept = true;
  }

  assign(value: Tensor): void {
    this.assertAlive('assign');
    value.assertAlive('assign');
    if (value.dtype !== this.dtype) throw argumentError('assign', 'value.dtype', `'${this.dtype}' (the variable's dtype)`, value.dtype);
    if (value.shape.length !== this.shape.length || value.shape.some((d, i) => d !== this.shape[i])) {
      throw argumentError(`assign(${this.name})`, 'value.shape', `[${this.shape}] (the variable's shape)`, value.shape);
    }
    ENGINE.assignVariable(this, value);
  }
}
