import type { Backend, BackendMemory, DataId, DType, Shape, TensorInfo, TypedArray } from '@neurite/tensor';
import { NeuriteError, readOptionsObject, describeValue } from '@neurite/tensor';
import type { HostArrays } from './host-arrays.js';

export interface CpuBackendOptions {
  /**
   * `false` leaves out `readSync`, so `dataSync()` throws and only `await data()` reads, as on WebGPU:
   * code meant to run on asynchronous backends can be tested on the CPU. Default `true`.
   */
  syncReads?: boolean;
}

/** Keeps every buffer as a typed array in this process's memory. */
export class CpuBackend implements Backend, HostArrays {
  readonly kernelSet = 'cpu';
  declare readSync?: (dataId: DataId) => TypedArray;
  private readonly buffers = new Map<DataId, TypedArray>();
  private bytes = 0;

  constructor(options: CpuBackendOptions = {}) {
    const { syncReads = true } = readOptionsObject('CpuBackend', options, ['syncReads']);
    if (typeof syncReads !== 'boolean') {
      throw new NeuriteError(`CpuBackend: syncReads must be a boolean. Received: syncReads=${describeValue(syncReads)}`);
    }
    if (syncReads) this.readSync = (dataId) => this.lookup(dataId);
  }

  /** Adopts `values` (callers pass arrays they no longer touch). */
  write(values: TypedArray, _shape: Shape, _dtype: DType): DataId {
    const dataId = {};
    this.buffers.set(dataId, values);
    this.bytes += values.byteLength;
    return dataId;
  }

  private lookup(dataId: DataId): TypedArray {
    const values = this.buffers.get(dataId);
    if (!values) throw new NeuriteError('cpu backend: this buffer was freed (the tensor was disposed)');
    return values;
  }

  async read(dataId: DataId): Promise<TypedArray> {
    return this.lookup(dataId);
  }

  disposeData(dataId: DataId): void {
    const values = this.buffers.get(dataId);
    if (!values) return;
    this.bytes -= values.byteLength;
    this.buffers.delete(dataId);
  }

  memory(): BackendMemory {
    return { numBytes: this.bytes, numDataBuffers: this.buffers.size };
  }

  dispose(): void {
    this.buffers.clear();
    this.bytes = 0;
  }

  // ---- helpers for kernels -------------------------------------------------------------------------

  /** The values behind a kernel input (not a copy: kernels must not write to it). */
  values<T extends TypedArray = Float32Array>(info: TensorInfo): T {
    return this.lookup(info.dataId) as T;
  }

  /** Wraps freshly computed values as a kernel output. */
  output(values: TypedArray, shape: Shape, dtype: DType): TensorInfo {
    return { dataId: this.write(values, shape, dtype), shape, dtype };
  }
}
