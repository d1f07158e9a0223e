import type { Backend, BackendMemory, DataId, DType, Shape, TensorInfo, TypedArray } from '@neurite/tensor';
import { NeuriteError, sizeFromShape } from '@neurite/tensor';
import type { GpuJsInstance, GpuJsKernel, GpuJsResident } from './gpujs.js';
import type { GpuMode } from './modes.js';
import { program, type Program } from './program.js';

/** What the backend keeps for one buffer. Device values are float32; int32 and bool are exact below 2^24. */
interface GpuData {
  readonly shape: Shape;
  readonly dtype: DType;
  readonly size: number;
  /** Values on the host: what was written, until the first kernel uploads them. */
  host: TypedArray | null;
  /** The device-resident value: a texture or buffer handle, or a Float32Array in cpu/webasm modes. */
  device: GpuJsResident | Float32Array | null;
  /** Async modes: the device value being computed. */
  pending: Promise<GpuJsResident | Float32Array> | null;
}

/** Copies a buffer through a kernel, so host data becomes a resident texture or buffer. */
const UPLOAD = program('upload', 'function (x) { return x[this.thread.x]; }');

export interface GpuBackendInfo {
  /** The mode that really runs. */
  mode: GpuMode;
  /** Why it is not the mode asked for (or the best one, for 'auto'); null when it is. */
  fallbackReason: string | null;
}

/**
 * A Neurite backend whose kernels are gpu.js programs. Every kernel's output stays on the device (a GL
 * texture, a WebGPU buffer, or a typed array in the cpu/webasm modes, which have no device) until it
 * is read. In the async-only WebGPU mode, kernels queue their work in order and reads resolve when it
 * is done.
 */
export class GpuBackend implements Backend {
  readonly kernelSet = 'gpu';
  readonly mode: GpuMode;
  readonly fallbackReason: string | null;
  /** True where results can only be read asynchronously (WebGPU). */
  readonly asyncOnly: boolean;
  private readonly gpu: GpuJsInstance;
  private readonly kernels = new Map<Program, GpuJsKernel>();
  private readonly buffers = new Map<DataId, GpuData>();
  private bytes = 0;
  private residentCount = 0;
  private residentBytes = 0;
  /** Async modes: the end of the queue of kernel runs. */
  private tail: Promise<unknown> = Promise.resolve();

  /** @internal Use `createGpuBackend()`. */
  constructor(gpu: GpuJsInstance, info: GpuBackendInfo) {
    this.gpu = gpu;
    this.mode = info.mode;
    this.fallbackReason = info.fallbackReason;
    this.asyncOnly = info.mode === 'webgpu';
    if (!this.asyncOnly) this.readSync = (dataId) => this.readNow(dataId);
  }

  /** Whether results live in device memory (textures or buffers) rather than typed arrays. */
  private get hasDevice(): boolean {
    return this.mode !== 'cpu' && this.mode !== 'webasm';
  }

  write(values: TypedArray, shape: Shape, dtype: DType): DataId {
    const dataId = {};
    this.buffers.set(dataId, { shape, dtype, size: values.length, host: values, device: null, pending: null });
    this.bytes += values.byteLength;
    return dataId;
  }

  /**
   * Reads a buffer synchronously; absent in the async-only WebGPU mode, where `dataSync()` then says to
   * use `await data()` (even for values still on the host, so code that works once keeps working).
   */
  readonly readSync?: (dataId: DataId) => TypedArray;

  private readNow(dataId: DataId): TypedArray {
    const data = this.data(dataId);
    if (data.host) return data.host;
    return toDType(this.deviceToArray(data.device!) as Float32Array, data.dtype);
  }

  async read(dataId: DataId): Promise<TypedArray> {
    const data = this.data(dataId);
    if (data.host) return data.host;
    const device = data.device ?? (await data.pending!);
    return toDType((await this.deviceToArray(device)) as Float32Array, data.dtype);
  }

  disposeData(dataId: DataId): void {
    const data = this.buffers.get(dataId);
    if (!data) return;
    this.buffers.delete(dataId);
    this.bytes -= data.size * bytesOf(data.dtype);
    if (this.asyncOnly && (data.device || data.pending)) {
      // Kernels queued before this dispose may still read the buffer: release it once they have run.
      const value = data.pending ?? Promise.resolve(data.device!);
      void this.enqueue(async () => this.release(await value, data.size)).catch(() => undefined);
    } else if (data.device) this.release(data.device, data.size);
    else if (data.pending) data.pending.then((d) => this.release(d, data.size), () => undefined);
    data.host = null;
  }

  memory(): BackendMemory {
    return {
      numBytes: this.bytes,
      numDataBuffers: this.buffers.size,
      numResident: this.residentCount,
      residentBytes: this.residentBytes,
      mode: this.mode,
    };
  }

  dispose(): void {
    for (const id of [...this.buffers.keys()]) this.disposeData(id);
    for (const k of this.kernels.values()) k.destroy();
    this.kernels.clear();
    void this.gpu.destroy();
  }

  async sync(): Promise<void> {
    await this.tail;
  }

  // ---- helpers for kernels -------------------------------------------------------------------------

  /**
   * Runs `prog` with `inputs` (device values, uploaded if needed) and `uniforms` (numbers), producing a
   * new buffer of `shape` and `dtype`. An empty output runs nothing.
   * @internal The kernels' entry point.
   */
  run(prog: Program, inputs: readonly TensorInfo[], uniforms: readonly number[], shape: Shape, dtype: DType): TensorInfo {
    const size = sizeFromShape(shape);
    if (size === 0) return this.output(new (arrayFor(dtype))(0), shape, dtype);
    const data: GpuData = { shape, dtype, size, host: null, device: null, pending: null };
    const kernel = this.kernel(prog);
    const args = inputs.map((t) => this.argument(t));
    if (this.asyncOnly) {
      this.settle(data, this.enqueue(async () => {
        const resolved = await Promise.all(args);
        return this.launch(prog, kernel, size, [...resolved, ...uniforms]);
      }));
    } else {
      data.device = this.launch(prog, kernel, size, [...(args as unknown[]), ...uniforms]);
      this.track(data.device, size);
    }
    const dataId = {};
    this.buffers.set(dataId, data);
    this.bytes += size * bytesOf(dtype);
    return { dataId, shape, dtype };
  }

  /** Wraps values computed on the host (random bits, small results) as a kernel output. */
  output(values: TypedArray, shape: Shape, dtype: DType): TensorInfo {
    return { dataId: this.write(values, shape, dtype), shape, dtype };
  }

  /**
   * The values of a kernel input when they are on the host without waiting on the device: always in
   * the cpu and webasm modes, and for values written from the host (not yet computed on the device).
   * Kernels that must validate data (gather indices) use this; null means only the device has them.
   */
  hostValues(info: TensorInfo): TypedArray | null {
    const data = this.data(info.dataId);
    if (data.host) return data.host;
    if (!this.hasDevice && data.device) return toDType(data.device as Float32Array, data.dtype);
    return null;
  }

  /** The number of elements behind a kernel input. */
  sizeOf(info: TensorInfo): number {
    return this.data(info.dataId).size;
  }

  // ---- internals -------------------------------------------------------------------------------------

  private data(dataId: DataId): GpuData {
    const data = this.buffers.get(dataId);
    if (!data) throw new NeuriteError(`gpu backend (${this.mode}): this buffer was freed (the tensor was disposed)`);
    return data;
  }

  private kernel(prog: Program): GpuJsKernel {
    let kernel = this.kernels.get(prog);
    if (!kernel) {
      kernel = this.gpu.createKernel(prog.source, {
        output: [1],
        pipeline: true,
        immutable: true,
        dynamicOutput: true,
        dynamicArguments: true,
        precision: 'single',
        tactic: 'precision',
        loopMaxIterations: 1 << 24,
      });
      this.kernels.set(prog, kernel);
    }
    return kernel;
  }

  private launch(prog: Program, kernel: GpuJsKernel, size: number, args: unknown[]): GpuJsResident | Float32Array {
    kernel.setOutput([size]);
    let result: unknown;
    try {
      result = kernel(...args);
    } catch (e) {
      throw new NeuriteError(`gpu backend (${this.mode}): program '${prog.name}' failed: ${(e as Error).message}`);
    }
    this.checkNotDegraded(prog, kernel);
    return result as GpuJsResident | Float32Array;
  }

  /** gpu.js may swap a kernel it cannot compile for a plain-JS one; this backend never hides that. */
  private checkNotDegraded(prog: Program, kernel: GpuJsKernel): void {
    const ran = kernel.kernel?.constructor?.mode;
    if (ran === 'cpu' && this.mode !== 'cpu') {
      const reason = kernel.kernel?.fallbackReason ?? 'no reason given';
      throw new NeuriteError(`gpu backend (${this.mode}): gpu.js ran program '${prog.name}' in '${ran}' mode instead (${reason})`);
    }
  }

  /** An input as the kernel takes it: resident where the mode has a device, else a Float32Array. */
  private argument(info: TensorInfo): GpuJsResident | Float32Array | Promise<GpuJsResident | Float32Array> {
    const data = this.data(info.dataId);
    if (data.device) return data.device;
    if (data.pending) return data.pending;
    const host = data.host!;
    const floats = host.length === 0 ? new Float32Array(1) : host instanceof Float32Array ? host : Float32Array.from(host);
    if (!this.hasDevice) return floats;
    // Upload once: later kernels read the resident copy.
    const kernel = this.kernel(UPLOAD);
    if (this.asyncOnly) {
      return this.settle(data, this.enqueue(async () => this.launch(UPLOAD, kernel, floats.length, [floats])));
    }
    data.device = this.launch(UPLOAD, kernel, floats.length, [floats]);
    this.track(data.device, data.size);
    return data.device;
  }

  /** Async modes: records the result when it arrives (a disposed buffer's result is released then). */
  private settle(data: GpuData, pending: Promise<GpuJsResident | Float32Array>): Promise<GpuJsResident | Float32Array> {
    data.pending = pending;
    pending.then((d) => {
      data.device = d;
      this.track(d, data.size);
    }, () => undefined);
    return pending;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private deviceToArray(device: GpuJsResident | Float32Array): Float32Array | Promise<Float32Array> {
    if (device instanceof Float32Array) return device;
    return device.toArray() as Float32Array | Promise<Float32Array>;
  }

  private track(device: GpuJsResident | Float32Array, size: number): void {
    this.residentCount++;
    this.residentBytes += size * 4;
    void device;
  }

  private release(device: GpuJsResident | Float32Array, size: number): void {
    this.residentCount--;
    this.residentBytes -= size * 4;
    if (!(device instanceof Float32Array)) device.delete();
  }
}

function bytesOf(dtype: DType): number {
  return dtype === 'bool' ? 1 : 4;
}

function arrayFor(dtype: DType): new (n: number) => TypedArray {
  return dtype === 'float32' ? Float32Array : dtype === 'int32' ? Int32Array : Uint8Array;
}

/** Device values are float32; integer and bool results are rounded back to their dtype. */
function toDType(values: Float32Array, dtype: DType): TypedArray {
  if (dtype === 'float32') return values;
  const out = new (arrayFor(dtype))(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round(values[i]);
  return out;
}
