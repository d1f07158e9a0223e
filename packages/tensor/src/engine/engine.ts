import { Tensor, Variable, setTensorOwner, type TensorHandle } from '../tensor.js';
import { bytesPerElement, type DType, type Shape, type TypedArray } from '../types.js';
import { NeuriteError, argumentError, describe } from '../util/errors.js';
import { sizeFromShape } from '../util/shape.js';
import type { Backend, BackendMemory, DataId, TensorInfo } from './backend.js';
import { BackendRegistry } from './backend-registry.js';
import type { KernelAttrs, KernelInputs, KernelName, NoAttrs } from '../kernel-names.js';
import { getGradient, getKernel, listKernels, type Attrs, type StoredGradFunc } from './kernel-registry.js';
import { Tape, type TapeNode } from './tape.js';

interface DataRecord {
  backendName: string;
  refCount: number;
  bytes: number;
}

export interface MemoryInfo {
  /** Live tensors (not disposed and not yet collected). */
  numTensors: number;
  /** Distinct buffers behind them (reshape and clone share buffers). */
  numDataBuffers: number;
  /** Bytes in those buffers. */
  numBytes: number;
  /** Per backend: what the backend itself reports. */
  backends: Record<string, BackendMemory>;
}

type Scope = { tracked: Tensor[] };

/**
 * The engine runs kernels on the active backend, records them on gradient tapes, counts references to
 * buffers, and tracks tensors for `tidy`. Ops talk to it; they never talk to a backend.
 */
export class Engine {
  private readonly records = new WeakMap<DataId, DataRecord>();
  private readonly perBackend = new Map<string, { numBytes: number; numDataBuffers: number }>();
  private readonly scopes: Scope[] = [];
  private readonly tapes: Tape[] = [];
  private recordingPaused = 0;
  private nextTensorId = 0;
  private liveTensors = 0;
  readonly variables = new Map<string, Variable>();
  private readonly finalizer = new FinalizationRegistry<TensorHandle>((handle) => this.release(handle));

  // ---- backends ------------------------------------------------------------------------------------

  readonly backends = new BackendRegistry();

  /** The active backend (initialising the best registered one if none is set). */
  get backend(): Backend {
    return this.backends.active;
  }

  get backendName(): string {
    return this.backends.activeName;
  }

  // ---- buffers and tensors -------------------------------------------------------------------------

  /** Stores values on the active backend and wraps them in a new tracked tensor. */
  makeTensor(values: TypedArray, shape: Shape, dtype: DType): Tensor {
    const backend = this.backend;
    const dataId = backend.write(values, shape, dtype);
    return this.wrap(dataId, this.backendName, shape, dtype);
  }

  /** A new tensor over an existing or new buffer; adds a reference to the buffer. */
  wrap(dataId: DataId, backendName: string, shape: Shape, dtype: DType, track = true, id = this.nextTensorId++): Tensor {
    this.addRef(dataId, backendName, sizeFromShape(shape) * bytesPerElement(dtype));
    const handle: TensorHandle = { dataId, backendName, disposed: false };
    const t = new Tensor(handle, shape, dtype, id);
    this.liveTensors++;
    this.finalizer.register(t, handle, handle);
    if (track) this.track(t);
    return t;
  }

  makeVariable(initial: Tensor, trainable: boolean, name: string | undefined, dtype?: DType): Variable {
    const varName = name ?? this.uniqueVariableName();
    if (this.variables.has(varName)) {
      throw argumentError('variable', 'name', 'unique among live variables', varName);
    }
    const source = dtype && dtype !== initial.dtype ? null : initial;
    if (!source) throw argumentError('variable', 'dtype', `the initial value's dtype '${initial.dtype}'`, dtype);
    this.addRef(initial.handle.dataId, initial.handle.backendName, initial.size * bytesPerElement(initial.dtype));
    const handle: TensorHandle = { dataId: initial.handle.dataId, backendName: initial.handle.backendName, disposed: false };
    const v = new Variable(handle, initial.shape, initial.dtype, this.nextTensorId++, varName, trainable);
    this.liveTensors++;
    this.finalizer.register(v, handle, handle);
    this.variables.set(varName, v);
    return v;
  }

  private variableCounter = 0;
  private uniqueVariableName(): string {
    let name: string;
    do name = `variable_${this.variableCounter++}`;
    while (this.variables.has(name));
    return name;
  }

  /** Points a variable at a new value's buffer (shared, reference-counted). */
  assignVariable(v: Variable, value: Tensor): void {
    this.ensureOnActiveBackend(value);
    const old = { ...v.handle };
    this.addRef(value.handle.dataId, value.handle.backendName, value.size * bytesPerElement(value.dtype));
    v.handle.dataId = value.handle.dataId;
    v.handle.backendName = value.handle.backendName;
    this.releaseData(old.dataId);
  }

  private addRef(dataId: DataId, backendName: string, bytes: number): void {
    const rec = this.records.get(dataId);
    if (rec) {
      rec.refCount++;
      return;
    }
    this.records.set(dataId, { backendName, refCount: 1, bytes });
    const stats = this.statsFor(backendName);
    stats.numBytes += bytes;
    stats.numDataBuffers++;
  }

  private statsFor(backendName: string) {
    let s = this.perBackend.get(backendName);
    if (!s) this.perBackend.set(backendName, (s = { numBytes: 0, numDataBuffers: 0 }));
    return s;
  }

  private releaseData(dataId: DataId): void {
    const rec = this.records.get(dataId);
    if (!rec) return;
    if (--rec.refCount > 0) return;
    this.records.delete(dataId);
    const stats = this.statsFor(rec.backendName);
    stats.numBytes -= rec.bytes;
    stats.numDataBuffers--;
    const backend = this.backends.instanceOf(rec.backendName);
    backend?.disposeData(dataId);
  }

  /** Called by `dispose` and by the finalizer: drops the tensor's reference to its buffer, once. */
  release(handle: TensorHandle): void {
    if (handle.disposed) return;
    handle.disposed = true;
    this.finalizer.unregister(handle);
    this.liveTensors--;
    this.releaseData(handle.dataId);
  }

  disposeTensor(t: Tensor): void {
    if (t instanceof Variable && this.variables.get(t.name) === t) this.variables.delete(t.name);
    this.release(t.handle);
  }

  backendOf(t: Tensor): Backend {
    const instance = this.backends.instanceOf(t.handle.backendName);
    if (!instance) throw new NeuriteError(`The backend '${t.handle.backendName}' holding this tensor was removed`);
    return instance;
  }

  /** Moves a tensor's buffer to the active backend if it lives elsewhere (after `setBackend`). */
  private ensureOnActiveBackend(t: Tensor): void {
    const target = this.backend;
    if (t.handle.backendName === this.backendName) return;
    const source = this.backendOf(t);
    if (!source.readSync) {
      throw new NeuriteError(
        `Tensor of shape [${t.shape}] lives on backend '${t.handle.backendName}', which cannot be read synchronously; ` +
          `read it with 'await tensor.data()' and create a new tensor on '${this.backendName}'`,
      );
    }
    const values = source.readSync(t.handle.dataId);
    const dataId = target.write(values, t.shape, t.dtype);
    const old = t.handle.dataId;
    this.addRef(dataId, this.backendName, values.byteLength);
    t.handle.dataId = dataId;
    t.handle.backendName = this.backendName;
    this.releaseData(old);
  }

  memory(): MemoryInfo {
    let numBytes = 0;
    let numDataBuffers = 0;
    for (const s of this.perBackend.values()) {
      numBytes += s.numBytes;
      numDataBuffers += s.numDataBuffers;
    }
    const backends: Record<string, BackendMemory> = {};
    for (const [name, instance] of this.backends.instances()) backends[name] = instance.memory();
    return { numTensors: this.liveTensors, numDataBuffers, numBytes, backends };
  }

  // ---- scopes --------------------------------------------------------------------------------------

  private track(t: Tensor): void {
    const scope = this.scopes[this.scopes.length - 1];
    if (scope) scope.tracked.push(t);
  }

  /**
   * Runs `fn` and disposes every tensor it created except those it returns (found in arrays and plain
   * objects) and those marked with `keep`.
   */
  tidy<T>(fn: () => T): T {
    this.scopes.push({ tracked: [] });
    let result: T;
    try {
      result = fn();
    } catch (e) {
      this.endScope(undefined);
      throw e;
    }
    if (result instanceof Promise) {
      this.endScope(undefined);
      throw new NeuriteError('tidy: fn must be synchronous; it returned a Promise');
    }
    this.endScope(result);
    return result;
  }

  private endScope(result: unknown): void {
    const scope = this.scopes.pop()!;
    const keepIds = new Set<number>();
    collectTensors(result, (t) => keepIds.add(t.id));
    const parent = this.scopes[this.scopes.length - 1];
    for (const t of scope.tracked) {
      if (keepIds.has(t.id)) {
        if (parent) parent.tracked.push(t);
      } else if (!t.kept) {
        this.disposeTensor(t);
      }
    }
  }

  keep<T extends Tensor>(t: T): T {
    t.kept = true;
    return t;
  }

  // ---- kernels -------------------------------------------------------------------------------------

  /** Whether the active backend implements `kernelName` (ops ask before using an optional kernel). */
  hasKernel(kernelName: KernelName): boolean {
    return getKernel(kernelName, this.backend.kernelSet) !== undefined;
  }

  /** Runs kernel `N` on the active backend; the compiler checks the inputs' count and the attributes. */
  runKernel<N extends KernelName>(kernelName: N, inputs: KernelInputs<N, Tensor>, ...attrs: AttrsArgument<N>): Tensor {
    return this.runKernelMulti(kernelName, inputs, ...attrs)[0];
  }

  runKernelMulti<N extends KernelName>(kernelName: N, inputs: KernelInputs<N, Tensor>, ...attrsArgument: AttrsArgument<N>): Tensor[] {
    const attrs = (attrsArgument[0] ?? {}) as Attrs;
    const backend = this.backend;
    const name = this.backendName;
    const kernel = getKernel(kernelName, backend.kernelSet);
    if (!kernel) {
      const known = listKernels(backend.kernelSet).length;
      throw new NeuriteError(
        `Kernel '${kernelName}' is not registered for backend '${name}' (kernel set '${backend.kernelSet}', ${known} kernels registered)`,
      );
    }
    for (const t of inputs as readonly Tensor[]) {
      t.assertAlive(kernelName);
      this.ensureOnActiveBackend(t);
    }
    const infos = (inputs as readonly Tensor[]).map((t) => t.info) as KernelInputs<N, TensorInfo>;
    let out: TensorInfo | TensorInfo[];
    try {
      out = kernel.kernelFunc({ inputs: infos, attrs: attrs as KernelAttrs<N>, backend });
    } catch (e) {
      // A result too large to allocate: say which kernel, on which shapes, instead of a bare RangeError.
      if (e instanceof RangeError) {
        const shapes = (inputs as readonly Tensor[]).map((t) => describe(t.shape)).join(', ');
        throw new NeuriteError(`${kernelName}: the result cannot be allocated for inputs of shapes ${shapes || '(none)'} (${e.message})`);
      }
      throw e;
    }
    const outputs = (Array.isArray(out) ? out : [out]).map((info: TensorInfo) =>
      this.wrap(info.dataId, name, info.shape, info.dtype),
    );
    this.record(kernelName, inputs as readonly Tensor[], outputs, attrs, getGradient(kernelName)?.gradFunc);
    return outputs;
  }

  // ---- gradient tapes ------------------------------------------------------------------------------

  isRecording(): boolean {
    return this.tapes.length > 0 && this.recordingPaused === 0;
  }

  /** Runs `fn` without recording on any tape (the forward pass of `customGrad`, optimizer updates). */
  withoutRecording<T>(fn: () => T): T {
    this.recordingPaused++;
    try {
      return fn();
    } finally {
      this.recordingPaused--;
    }
  }

  /**
   * A handle to the same buffer that no scope tracks: the tape's own reference to a saved tensor. It keeps
   * the original's id, so ops that a gradient runs on it connect to the original on an outer tape
   * (gradients of gradients).
   */
  private saveForTape(t: Tensor): Tensor {
    return this.wrap(t.handle.dataId, t.handle.backendName, t.shape, t.dtype, false, t.id);
  }

  record(kernelName: string, inputs: readonly Tensor[], outputs: readonly Tensor[], attrs: Attrs, gradFunc: StoredGradFunc | undefined, saved?: readonly Tensor[]): void {
    if (!this.isRecording()) return;
    if (!outputs.some((o) => o.dtype === 'float32')) return; // nothing differentiable flows out
    for (const tape of this.tapes) {
      const node: TapeNode = {
        kernelName,
        inputIds: inputs.map((t) => t.id),
        inputs: (saved ?? inputs).map((t) => this.saveForTape(t)),
        outputIds: outputs.map((t) => t.id),
        outputs: outputs.map((t) => this.saveForTape(t)),
        inputMeta: inputs.map((t) => ({ shape: t.shape, dtype: t.dtype })),
        attrs,
        gradFunc,
      };
      tape.nodes.push(node);
    }
  }

  /**
   * Reverse-mode gradients of the scalar (or `dy`-weighted) result of `f` with respect to `xs`. Inputs
   * that do not influence the result get zeros.
   */
  gradients(f: () => Tensor, xs: readonly Tensor[], dy?: Tensor): { value: Tensor; grads: Tensor[]; valueIsNew: boolean } {
    const firstId = this.nextTensorId;
    const tape = new Tape();
    this.tapes.push(tape);
    let value: Tensor;
    try {
      value = this.tidy(f);
      if (!(value instanceof Tensor)) throw argumentError('grad', 'f', 'a function returning a Tensor', value);
    } catch (e) {
      this.tapes.splice(this.tapes.indexOf(tape), 1);
      tape.dispose((t) => this.release(t.handle));
      throw e;
    }
    this.tapes.splice(this.tapes.indexOf(tape), 1);
    try {
      if (dy == null && value.size !== 1) {
        throw new NeuriteError(`grad: f must return a scalar when no dy is given. Received: a tensor of shape [${value.shape}]`);
      }
      if (dy != null && !sameShape(dy.shape, value.shape)) {
        throw argumentError('grad', 'dy.shape', `the result's shape [${value.shape}]`, [...dy.shape]);
      }
      const grads = this.tidy(() => tape.backprop(this, value, xs, dy ?? null));
      return { value, grads, valueIsNew: value.id >= firstId };
    } catch (e) {
      if (value.id >= firstId) value.dispose(); // made by f, so nobody else holds it
      throw e;
    } finally {
      tape.dispose((t) => this.release(t.handle));
    }
  }
}

/** Kernels without attributes may leave them out; every other kernel must be given its attributes. */
type AttrsArgument<N extends KernelName> = NoAttrs extends KernelAttrs<N> ? [attrs?: KernelAttrs<N>] : [attrs: KernelAttrs<N>];

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Visits every tensor in a value made of tensors, arrays and plain objects. */
export function collectTensors(value: unknown, visit: (t: Tensor) => void, seen = new Set<unknown>()): void {
  if (value == null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (value instanceof Tensor) {
    visit(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) collectTensors(v, visit, seen);
    return;
  }
  if (Object.getPrototypeOf(value) === Object.prototype || value instanceof Map) {
    const values = value instanceof Map ? [...value.values()] : Object.values(value);
    for (const v of values) collectTensors(v, visit, seen);
  }
}

export const ENGINE = new Engine();
setTensorOwner(ENGINE);
