import { ENGINE } from '../engine/engine.js';
import { Tensor } from '../tensor.js';
import { isTypedArray, makeTypedArray, type DType, type Shape, type TensorLike, type TypedArray } from '../types.js';
import { NeuriteError, argumentError } from '../util/errors.js';
import { assertValidShape, sizeFromShape } from '../util/shape.js';

const DTYPES: readonly DType[] = ['float32', 'int32', 'bool'];

export function assertDType(op: string, arg: string, dtype: unknown): asserts dtype is DType {
  if (!DTYPES.includes(dtype as DType)) throw argumentError(op, arg, "one of 'float32', 'int32', 'bool'", dtype);
}

/** The shape of nested arrays; a ragged array is an error that names the op and the argument. */
export function inferShape(op: string, arg: string, values: TensorLike): number[] {
  if (isTypedArray(values)) return [values.length];
  const shape: number[] = [];
  let level: unknown = values;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  checkNesting(op, arg, values, shape, 0);
  return shape;
}

function checkNesting(op: string, arg: string, v: unknown, shape: number[], depth: number): void {
  if (depth === shape.length) {
    if (Array.isArray(v) || (typeof v !== 'number' && typeof v !== 'boolean')) {
      throw argumentError(op, arg, 'numbers, booleans or evenly nested arrays of them', v);
    }
    return;
  }
  if (!Array.isArray(v) || v.length !== shape[depth]) {
    throw new NeuriteError(`${op}: ${arg} is a ragged array: expected ${shape[depth]} elements at depth ${depth}, got ${Array.isArray(v) ? v.length : 'a scalar'}`);
  }
  for (const item of v) checkNesting(op, arg, item, shape, depth + 1);
}

function inferDType(values: TensorLike): DType {
  if (values instanceof Int32Array || values instanceof Uint8Array) return 'int32';
  if (values instanceof Float32Array) return 'float32';
  let first: unknown = values;
  while (Array.isArray(first)) first = first[0];
  return typeof first === 'boolean' ? 'bool' : 'float32';
}

function flatten(values: TensorLike, out: number[]): void {
  if (Array.isArray(values)) for (const v of values) flatten(v, out);
  else out.push(Number(values));
}

/** Copies values into a fresh typed array of `dtype` (the backend may adopt it). */
export function toTypedArray(values: TensorLike, dtype: DType): TypedArray {
  if (isTypedArray(values)) {
    const out = makeTypedArray(dtype, values.length);
    if (dtype === 'bool') for (let i = 0; i < values.length; i++) out[i] = values[i] ? 1 : 0;
    else out.set(values);
    return out;
  }
  const flat: number[] = [];
  flatten(values, flat);
  const out = makeTypedArray(dtype, flat.length);
  if (dtype === 'bool') for (let i = 0; i < flat.length; i++) out[i] = flat[i] ? 1 : 0;
  else out.set(flat);
  return out;
}

/**
 * Creates a tensor from numbers, booleans, nested arrays or a typed array. With `shape`, flat values are
 * laid out in row-major order and their count must match.
 */
export function tensor(values: TensorLike, shape?: Shape, dtype?: DType): Tensor {
  if (dtype !== undefined) assertDType('tensor', 'dtype', dtype);
  const dt = dtype ?? inferDType(values);
  const inferred = inferShape('tensor', 'values', values);
  const data = toTypedArray(values, dt);
  let finalShape: number[] = inferred;
  if (shape !== undefined) {
    assertValidShape('tensor', 'shape', shape);
    const size = sizeFromShape(shape);
    if (size !== data.length) {
      throw new NeuriteError(`tensor: shape [${shape}] needs ${size} values, but values has ${data.length}`);
    }
    finalShape = [...shape];
  } else {
    assertValidShape('tensor', 'values', inferred);
  }
  return ENGINE.makeTensor(data, finalShape, dt);
}

/**
 * What ops call on every tensor argument: a Tensor passes through (after checking it is alive and, if
 * asked, of the right dtype); numbers and arrays become tensors.
 */
export function convertToTensor(x: unknown, arg: string, op: string, dtype?: DType): Tensor {
  if (x instanceof Tensor) {
    x.assertAlive(op);
    if (dtype !== undefined && x.dtype !== dtype) throw argumentError(op, `${arg}.dtype`, `'${dtype}'`, x.dtype);
    return x;
  }
  if (typeof x === 'number' || typeof x === 'boolean' || Array.isArray(x) || isTypedArray(x)) {
    return tensor(x as TensorLike, undefined, dtype ?? (typeof x === 'number' ? 'float32' : undefined));
  }
  throw argumentError(op, arg, 'a Tensor, a number, a boolean or an array', x);
}

/**
 * Converts both operands of a binary op. A plain number adopts an int32 partner's dtype when it is an
 * integer (so `x.mul(2)` stays int32); otherwise it is float32.
 */
export function convertPair(a: unknown, b: unknown, op: string): [Tensor, Tensor] {
  const numberDType = (n: unknown, other: unknown): DType | undefined =>
    typeof n === 'number' && other instanceof Tensor ? (other.dtype === 'int32' && Number.isInteger(n) ? 'int32' : 'float32') : undefined;
  return [convertToTensor(a, 'a', op, numberDType(a, b)), convertToTensor(b, 'b', op, numberDType(b, a))];
}
