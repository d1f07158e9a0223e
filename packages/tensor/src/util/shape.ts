import { MAX_RANK, type Shape } from '../types.js';
import { NeuriteError, argumentError, describe } from './errors.js';

export function sizeFromShape(shape: Shape): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/** Row-major strides: strides[i] is the distance between neighbours along axis i. */
export function computeStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * The most elements a tensor holds: 2^31 - 1, so every index fits a 32-bit integer (as kernels and
 * WebAssembly address them). Larger shapes are refused with a named error before anything is allocated.
 */
export const MAX_TENSOR_SIZE = 2 ** 31 - 1;

export function assertValidShape(op: string, arg: string, shape: Shape): void {
  if (!Array.isArray(shape)) throw argumentError(op, arg, 'an array of non-negative integers', shape);
  if (shape.length > MAX_RANK) throw argumentError(op, arg, `of rank at most ${MAX_RANK}`, shape);
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw argumentError(op, arg, 'an array of non-negative integers', shape);
  }
  assertTensorSize(op, arg, shape);
}

/** Refuses a shape of more than MAX_TENSOR_SIZE elements, naming it and its size. */
export function assertTensorSize(op: string, arg: string, shape: Shape): void {
  const size = sizeFromShape(shape);
  if (size > MAX_TENSOR_SIZE) {
    throw new NeuriteError(
      `${op}: ${arg} ${describe(shape)} has ${size.toLocaleString('en-US')} elements, more than a tensor holds ` +
        `(${MAX_TENSOR_SIZE.toLocaleString('en-US')}, so that every index fits 32 bits)`,
    );
  }
}

/** NumPy broadcasting of two shapes; the error shows both shapes. */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const rank = Math.max(a.length, b.length);
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new NeuriteError(
        `${op}: shapes ${describe(a)} and ${describe(b)} cannot be broadcast together (axis ${i - rank}: ${da} vs ${db})`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * The axes of `outShape` along which an input of `inShape` was broadcast: the gradient is summed over
 * them (and then reshaped back to `inShape`).
 */
export function broadcastedAxes(inShape: Shape, outShape: Shape): number[] {
  const axes: number[] = [];
  const offset = outShape.length - inShape.length;
  for (let i = 0; i < outShape.length; i++) {
    const d = i < offset ? 1 : inShape[i - offset];
    if (d === 1 && outShape[i] !== 1) axes.push(i);
    else if (i < offset) axes.push(i);
  }
  return axes;
}

/** Normalises one axis (negative counts from the end); a bad axis names the op and the rank. */
export function normalizeAxis(op: string, axis: number, rank: number, arg = 'axis'): number {
  if (!Number.isInteger(axis) || axis < -Math.max(rank, 1) || axis >= Math.max(rank, 1)) {
    throw argumentError(op, arg, `an integer in [${-rank}, ${rank - 1}] for a tensor of rank ${rank}`, axis);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Normalises `axis` (undefined = all axes), sorted and without repeats. */
export function normalizeAxes(op: string, axis: number | readonly number[] | undefined, rank: number): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : [...axis];
  const out = list.map((a) => normalizeAxis(op, a, rank));
  if (new Set(out).size !== out.length) throw argumentError(op, 'axis', 'a list of distinct axes', axis);
  return out.sort((x, y) => x - y);
}

/** The shape left after reducing `axes`, with or without the reduced axes kept as size 1. */
export function reducedShape(shape: Shape, axes: readonly number[], keepDims: boolean): number[] {
  const out: number[] = [];
  shape.forEach((d, i) => {
    if (!axes.includes(i)) out.push(d);
    else if (keepDims) out.push(1);
  });
  return out;
}

/** Maps a flat index of `outShape` to the flat index of a broadcast input of `inShape`. */
export function broadcastIndexMapper(inShape: Shape, outShape: Shape): (outIndex: number) => number {
  if (shapesEqual(inShape, outShape)) return (i) => i;
  const rank = outShape.length;
  const inStrides = computeStrides(inShape);
  const offset = rank - inShape.length;
  const outStrides = computeStrides(outShape);
  return (outIndex: number) => {
    let rem = outIndex;
    let inIndex = 0;
    for (let axis = 0; axis < rank; axis++) {
      const coord = Math.floor(rem / outStrides[axis]);
      rem -= coord * outStrides[axis];
      const inAxis = axis - offset;
      if (inAxis >= 0 && inShape[inAxis] !== 1) inIndex += coord * inStrides[inAxis];
    }
    return inIndex;
  };
}
