import type { HostArrays } from '@neurite/backend-cpu';
import {
  NeuriteError, bytesPerElement, sizeFromShape,
  type Backend, type BackendMemory, type Conv2DInfo, type DataId, type DType, type Shape, type TensorInfo, type TypedArray,
} from '@neurite/tensor';
import { Heap } from './heap.js';
import { resolveOptions, type WasmBackendOptions } from './options.js';
import { CONTROL } from './threads/control.js';
import { ThreadPool, type KernelFunction } from './threads/pool.js';
import { compileKernels, simdSupported, type SimdLevel } from './wasm-module.js';
import type { WasmExports } from './wasm-exports.js';

interface Buffer {
  ptr: number;
  length: number;
  dtype: DType;
}

const CONTROL_AT = 1024;
/** Bytes per thread's copy of a strided walk (assembly/binary.ts META_STRIDE). */
const WALK_STRIDE = 128;
const HEAP_START = CONTROL_AT + CONTROL.BYTES;
const INITIAL_PAGES = 64;
/** 4 GiB, the most a 32-bit memory can hold; engines that refuse it get less (see `createMemory`). */
const MAX_PAGES = [65536, 32768, 16384];

/** Where SharedArrayBuffer works (it needs a cross-origin isolated page in browsers). */
function sharedMemoryReason(): string | null {
  const g = globalThis as { SharedArrayBuffer?: unknown; crossOriginIsolated?: boolean; document?: unknown };
  if (typeof g.SharedArrayBuffer !== 'function') {
    return 'SharedArrayBuffer is not available (a page must be cross-origin isolated: COOP same-origin and COEP require-corp)';
  }
  if (g.crossOriginIsolated === false) return 'the page is not cross-origin isolated (COOP same-origin and COEP require-corp headers)';
  return null;
}

function createMemory(shared: boolean): { memory: WebAssembly.Memory; maxPages: number } {
  let last: unknown;
  for (const maximum of MAX_PAGES) {
    try {
      return { memory: new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum, shared }), maxPages: maximum };
    } catch (e) {
      last = e;
    }
  }
  throw new Error(`cannot create a WebAssembly memory: ${(last as Error).message}`);
}

/**
 * The WebAssembly backend: tensors live in one WebAssembly memory, kernels are SIMD128 code (relaxed
 * SIMD where the engine has it) compiled from AssemblyScript, and big kernels are split between the
 * calling thread and a pool of workers sharing that memory.
 */
export class WasmBackend implements Backend, HostArrays {
  readonly kernelSet = 'wasm';
  /** Reads copy out of the wasm memory (whose blocks are reused), so the tensor need not copy again. */
  readonly readsCopies = true;
  /** Which build of the kernels runs. */
  readonly simd: SimdLevel;
  /** Why relaxed SIMD is not used, when it is not. */
  readonly relaxedReason: string | null;
  /** Threads asked for (option, NEURITE_WASM_THREADS, or the core count). */
  readonly requestedThreads: number;
  /** Why the backend runs on fewer threads than asked, or null. */
  readonly threadsReason: string | null;
  /** Work below which a kernel stays on the calling thread (see WasmBackendOptions.minParallelWork). */
  readonly minParallelWork: number;
  /** @internal The kernels of the calling thread's instance. */
  readonly exports: WasmExports;
  private readonly wasmMemory: WebAssembly.Memory;
  private readonly heap: Heap;
  private readonly pool: ThreadPool | null;
  private readonly buffers = new Map<DataId, Buffer>();
  private bytes = 0;
  private scratchPtr = 0;
  private scratchBytes = 0;
  private readonly infoPtr: number;
  private readonly walkPtr: number;

  constructor(options?: WasmBackendOptions) {
    const { threads, simd, minParallelWork } = resolveOptions(options);
    this.minParallelWork = minParallelWork;
    if (!simdSupported()) throw new NeuriteError('wasm backend: this engine has no WebAssembly SIMD128');
    this.requestedThreads = threads;
    let reason = threads > 1 ? sharedMemoryReason() : null;
    const shared = threads > 1 && reason === null;
    const compiled = compileKernels(simd, shared);
    this.simd = compiled.simd;
    this.relaxedReason = compiled.relaxedReason;
    const { memory, maxPages } = createMemory(shared);
    this.wasmMemory = memory;
    const instance = new WebAssembly.Instance(compiled.module, { env: { memory } });
    this.exports = instance.exports as unknown as WasmExports;
    this.heap = new Heap(memory, HEAP_START, maxPages);
    this.infoPtr = this.heap.allocate(64);
    this.walkPtr = this.heap.allocate(WALK_STRIDE * threads);
    let pool: ThreadPool | null = null;
    if (shared) {
      const names = Object.keys(instance.exports).filter((n) => typeof instance.exports[n] === 'function');
      try {
        const warmUp = this.heap.allocate((instance.exports.warm_up_bytes as () => number)());
        pool = ThreadPool.start(compiled.module, memory, CONTROL_AT, threads, names, names.map((n) => instance.exports[n] as KernelFunction), warmUp);
      } catch (e) {
        reason = `workers could not start: ${(e as Error).message}`;
      }
    }
    this.pool = pool;
    this.threadsReason = threads > 1 && !pool ? `running on 1 thread: ${reason}` : null;
  }

  /** Threads kernels are split between (1 where workers could not start). */
  get threads(): number {
    return this.pool ? this.pool.threads : 1;
  }

  /** Resolves once every worker has started (kernels do not wait for this; it is for tests and benchmarks). */
  async whenReady(): Promise<number> {
    return this.pool ? 1 + (await this.pool.whenReady()) : 1;
  }

  // ---- Backend ------------------------------------------------------------------------------------

  write(values: TypedArray, shape: Shape, dtype: DType): DataId {
    const { dataId, ptr } = this.allocate(values.length, dtype);
    this.view(ptr, values.length, dtype).set(values);
    void shape;
    return dataId;
  }

  async read(dataId: DataId): Promise<TypedArray> {
    return this.readSync(dataId);
  }

  readSync(dataId: DataId): TypedArray {
    const b = this.lookup(dataId);
    return this.view(b.ptr, b.length, b.dtype).slice();
  }

  disposeData(dataId: DataId): void {
    const b = this.buffers.get(dataId);
    if (!b) return;
    this.heap.free(b.ptr);
    this.bytes -= b.length * bytesPerElement(b.dtype);
    this.buffers.delete(dataId);
  }

  memory(): BackendMemory {
    return {
      numBytes: this.bytes,
      numDataBuffers: this.buffers.size,
      heapBytes: this.heap.heapBytes,
      threads: this.threads,
      simd: this.simd,
      splitKernels: this.pool?.splitJobs ?? 0,
    };
  }

  dispose(): void {
    this.pool?.dispose();
    for (const id of [...this.buffers.keys()]) this.disposeData(id);
  }

  // ---- HostArrays: the CPU's kernels run on views of this memory ---------------------------------

  values<T extends TypedArray = Float32Array>(info: TensorInfo): T {
    const b = this.lookup(info.dataId);
    return this.view(b.ptr, b.length, b.dtype) as T;
  }

  output(values: TypedArray, shape: Shape, dtype: DType): TensorInfo {
    return { dataId: this.write(values, shape, dtype), shape, dtype };
  }

  // ---- for kernels --------------------------------------------------------------------------------

  /** The byte address of an input's buffer. */
  ptr(info: TensorInfo): number {
    return this.lookup(info.dataId).ptr;
  }

  /** A new output buffer of `shape` (contents undefined until a kernel writes them). */
  makeOutput(shape: Shape, dtype: DType): { info: TensorInfo; ptr: number } {
    const { dataId, ptr } = this.allocate(sizeFromShape(shape), dtype);
    return { info: { dataId, shape, dtype }, ptr };
  }

  /** A typed-array view of `length` elements at `ptr` (valid until the memory next grows). */
  view(ptr: number, length: number, dtype: DType): TypedArray {
    const buffer = this.wasmMemory.buffer;
    switch (dtype) {
      case 'float32':
        return new Float32Array(buffer, ptr, length);
      case 'int32':
        return new Int32Array(buffer, ptr, length);
      case 'bool':
        return new Uint8Array(buffer, ptr, length);
    }
  }

  /** Scratch memory for one kernel call (shared by every call: kernels run one at a time). */
  scratch(bytes: number): number {
    if (bytes > this.scratchBytes) {
      if (this.scratchPtr) this.heap.free(this.scratchPtr);
      this.scratchPtr = 0;
      this.scratchBytes = 0;
      this.scratchPtr = this.heap.allocate(bytes);
      this.scratchBytes = bytes;
    }
    return this.scratchPtr;
  }

  /**
   * Writes a strided walk (rank, dims, two inputs' strides; assembly/strided.ts) once per thread, 128
   * bytes apart, and returns the first copy's address.
   */
  walkMeta(dims: readonly number[], s0: readonly number[], s1: readonly number[]): number {
    const rank = dims.length;
    const words = new Int32Array(this.wasmMemory.buffer, this.walkPtr, (WALK_STRIDE / 4) * this.threads);
    for (let t = 0; t < this.threads; t++) {
      const o = (t * WALK_STRIDE) / 4;
      words[o] = rank;
      for (let d = 0; d < rank; d++) {
        words[o + 1 + d] = dims[d];
        words[o + 1 + rank + d] = s0[d];
        words[o + 1 + 2 * rank + d] = s1[d];
      }
    }
    return this.walkPtr;
  }

  /** Writes a conv geometry where the kernels read it (the layout of assembly/conv-info.ts). */
  convInfo(info: Conv2DInfo): number {
    const v = new Int32Array(this.wasmMemory.buffer, this.infoPtr, 16);
    v[0] = info.batchSize;
    v[1] = info.inHeight;
    v[2] = info.inWidth;
    v[3] = info.inChannels;
    v[4] = info.outHeight;
    v[5] = info.outWidth;
    v[6] = info.outChannels;
    v[7] = info.filterHeight;
    v[8] = info.filterWidth;
    v[9] = info.strideHeight;
    v[10] = info.strideWidth;
    v[11] = info.dilationHeight;
    v[12] = info.dilationWidth;
    v[13] = info.pad.top;
    v[14] = info.pad.left;
    v[15] = info.channelMultiplier;
    return this.infoPtr;
  }

  /**
   * Runs kernel `name` over `units` units of work, split between threads when the kernel's `work`
   * (multiply-adds or elements) reaches `minParallelWork` and each thread gets at least
   * `minUnitsPerThread` units; otherwise on the calling thread alone.
   */
  parallel(name: keyof WasmExports, args: readonly number[], units: number, work: number, minUnitsPerThread = 1): void {
    const threads = this.pool && work >= this.minParallelWork
      ? Math.min(this.pool.threads, Math.floor(units / Math.max(1, minUnitsPerThread)))
      : 1;
    if (threads <= 1 || !this.pool) {
      (this.exports[name] as unknown as KernelFunction)(...args, 0, units, 0);
      return;
    }
    this.pool.run(name, args, units, threads);
  }

  private allocate(length: number, dtype: DType): { dataId: DataId; ptr: number } {
    const bytes = length * bytesPerElement(dtype);
    const ptr = this.heap.allocate(bytes);
    const dataId = {};
    this.buffers.set(dataId, { ptr, length, dtype });
    this.bytes += bytes;
    return { dataId, ptr };
  }

  private lookup(dataId: DataId): Buffer {
    const b = this.buffers.get(dataId);
    if (!b) throw new NeuriteError('wasm backend: this buffer was freed (the tensor was disposed)');
    return b;
  }
}

