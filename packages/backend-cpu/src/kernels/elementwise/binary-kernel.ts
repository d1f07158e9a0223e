import { broadcastShapes, type BinaryKernelName, makeTypedArray, sizeFromShape, type DType, type KernelConfig, type TypedArray } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';

/**
 * One run of a binary kernel: for i < n, out[o + i] = f(a[ai + i * sa], b[bi + i * sb]) (sa, sb are 1,
 * or 0 for a broadcast operand). Each kernel writes its own loop, so the arithmetic is inlined rather
 * than called through a shared function per element.
 */
export type BinaryRun = (
  out: TypedArray, o: number, a: TypedArray, ai: number, sa: number, b: TypedArray, bi: number, sb: number, n: number,
) => void;

/**
 * Builds a broadcasting binary kernel from its run loop. Inputs arrive with a common dtype; the output
 * keeps it unless `outDType` says otherwise (comparisons give bool).
 */
export function binaryKernel(kernelName: BinaryKernelName, run: BinaryRun, outDType?: DType): KernelConfig<BinaryKernelName> {
  return {
    kernelName,
    kernelSet: 'cpu',
    kernelFunc: ({ inputs: [a, b], backend }) => {
      const cpu = backend as HostArrays;
      const shape = broadcastShapes(kernelName, a.shape, b.shape);
      const dtype = outDType ?? a.dtype;
      const out = makeTypedArray(dtype, sizeFromShape(shape));
      if (out.length > 0) broadcastLoop(run, out, shape, cpu.values(a), a.shape, cpu.values(b), b.shape);
      return cpu.output(out, shape, dtype);
    },
  };
}

/**
 * Walks the output in long runs. Axes are padded to the output's rank, then neighbouring axes are merged
 * while both inputs stay contiguous (or both stay broadcast) across them; the last merged axis is the run,
 * the others are stepped through with an odometer that keeps each input's offset up to date.
 */
function broadcastLoop(
  run: BinaryRun, out: TypedArray, shape: readonly number[],
  av: TypedArray, aShape: readonly number[], bv: TypedArray, bShape: readonly number[],
): void {
  const { dims, aStrides, bStrides } = mergeAxes(shape, aShape, bShape);
  const last = dims.length - 1;
  if (last < 0) {
    run(out, 0, av, 0, 0, bv, 0, 0, 1);
    return;
  }
  const n = dims[last];
  const sa = aStrides[last];
  const sb = bStrides[last];
  if (last === 0) {
    run(out, 0, av, 0, sa, bv, 0, sb, n);
    return;
  }
  const coords = new Array<number>(last).fill(0);
  let ai = 0;
  let bi = 0;
  for (let o = 0; o < out.length; o += n) {
    run(out, o, av, ai, sa, bv, bi, sb, n);
    // advance the odometer over the outer axes
    for (let axis = last - 1; axis >= 0; axis--) {
      ai += aStrides[axis];
      bi += bStrides[axis];
      if (++coords[axis] < dims[axis]) break;
      ai -= aStrides[axis] * dims[axis];
      bi -= bStrides[axis] * dims[axis];
      coords[axis] = 0;
    }
  }
}

/** Output dims (size-1 axes dropped, mergeable neighbours merged) and each input's stride per dim (0 = broadcast). */
function mergeAxes(shape: readonly number[], aShape: readonly number[], bShape: readonly number[]) {
  const rank = shape.length;
  const aFull = inputStrides(aShape, rank);
  const bFull = inputStrides(bShape, rank);
  const dims: number[] = [];
  const aStrides: number[] = [];
  const bStrides: number[] = [];
  for (let i = 0; i < rank; i++) {
    const d = shape[i];
    if (d === 1) continue;
    const k = dims.length - 1;
    // axis i continues the previous merged dim when each input's stride there is d times its stride here
    if (k >= 0 && aStrides[k] === aFull[i] * d && bStrides[k] === bFull[i] * d) {
      dims[k] *= d;
      aStrides[k] = aFull[i];
      bStrides[k] = bFull[i];
    } else {
      dims.push(d);
      aStrides.push(aFull[i]);
      bStrides.push(bFull[i]);
    }
  }
  return { dims, aStrides, bStrides };
}

/** Row-major strides of an input aligned to the output's trailing axes, 0 along axes it is broadcast on. */
function inputStrides(inShape: readonly number[], rank: number): number[] {
  const strides = new Array<number>(rank).fill(0);
  let s = 1;
  for (let i = inShape.length - 1; i >= 0; i--) {
    const axis = rank - inShape.length + i;
    strides[axis] = inShape[i] === 1 ? 0 : s;
    s *= inShape[i];
  }
  return strides;
}
