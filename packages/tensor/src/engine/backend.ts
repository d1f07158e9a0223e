import type { DType, Shape, TypedArray } from '../types.js';

/** An opaque handle to a buffer a backend owns. The engine reference-counts it. */
export type DataId = object;

/** What a kernel sees of a tensor: its buffer, shape and dtype. */
export interface TensorInfo {
  readonly dataId: DataId;
  readonly shape: Shape;
  readonly dtype: DType;
}

export interface BackendMemory {
  /** Bytes the backend holds for live buffers. */
  numBytes: number;
  numDataBuffers: number;
  /** Backends may add their own figures (textures, device bytes). */
  [detail: string]: unknown;
}

/**
 * What a backend provides. Kernels are registered separately (see `registerKernel`) under the backend's
 * `kernelSet`, so several configured instances (for example one per gpu.js mode) can share one kernel set.
 */
export interface Backend {
  /** The name kernels are registered under. */
  readonly kernelSet: string;
  /** Stores values (copied or adopted) and returns a handle for them. */
  write(values: TypedArray, shape: Shape, dtype: DType): DataId;
  /**
   * True when `read` and `readSync` return a fresh array the caller owns: `data()` and `dataSync()` then
   * hand it out as is, instead of copying it again. Backends that return their own storage leave it unset.
   */
  readonly readsCopies?: boolean;
  /** Reads a buffer back; every backend supports this. */
  read(dataId: DataId): Promise<TypedArray>;
  /** Reads a buffer synchronously; a backend that cannot (WebGPU) leaves this out or throws. */
  readSync?(dataId: DataId): TypedArray;
  /** Frees a buffer; the engine calls this once, when the last reference to it is gone. */
  disposeData(dataId: DataId): void;
  memory(): BackendMemory;
  /** Frees everything; called when the backend is removed. */
  dispose?(): void;
  /** Waits for queued work (GPU backends); optional. */
  sync?(): Promise<void>;
}

export type BackendFactory = () => Backend | Promise<Backend>;
