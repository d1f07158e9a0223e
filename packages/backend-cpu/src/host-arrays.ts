import type { Backend, DType, Shape, TensorInfo, TypedArray } from '@neurite/tensor';

/**
 * What the CPU kernels need of a backend: typed-array access to an input's values and a way to hand
 * back an output. The CPU backend provides it, and so can any backend whose buffers the host can view
 * (the WebAssembly backend runs some CPU kernels over views of its memory this way).
 */
export interface HostArrays extends Backend {
  /** The values behind a kernel input (not a copy: kernels must not write to it). */
  values<T extends TypedArray = Float32Array>(info: TensorInfo): T;
  /**
   * Wraps freshly computed values as a kernel output. Kernels call it once, after their last read of an
   * input: another backend may move its memory when it stores the output.
   */
  output(values: TypedArray, shape: Shape, dtype: DType): TensorInfo;
}
