/** The element types a tensor can hold. */
export type DType = 'float32' | 'int32' | 'bool';

/** The typed array that stores each dtype on the CPU: bool is one byte per element. */
export interface DTypeArrayMap {
  float32: Float32Array;
  int32: Int32Array;
  bool: Uint8Array;
}
export type TypedArray = Float32Array | Int32Array | Uint8Array;

export type Shape = readonly number[];

/** Nested JavaScript arrays of numbers or booleans, as accepted by `tensor()`. */
export type NestedArray = number | boolean | readonly NestedArray[];
/** Anything an op accepts where it expects a tensor. */
export type TensorLike = NestedArray | TypedArray;

export const MAX_RANK = 6;

export function bytesPerElement(dtype: DType): number {
  return dtype === 'bool' ? 1 : 4;
}

export function makeTypedArray(dtype: DType, size: number): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size);
    case 'int32':
      return new Int32Array(size);
    case 'bool':
      return new Uint8Array(size);
  }
}

export function isTypedArray(x: unknown): x is TypedArray {
  return x instanceof Float32Array || x instanceof Int32Array || x instanceof Uint8Array;
}

/** The dtype two inputs of a binary op are computed in; bool mixes up to int32, int32 up to float32. */
export function upcastDType(a: DType, b: DType): DType {
  if (a === 'float32' || b === 'float32') return 'float32';
  if (a === 'int32' || b === 'int32') return 'int32';
  return 'bool';
}
