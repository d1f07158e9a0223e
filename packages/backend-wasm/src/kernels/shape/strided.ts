import { computeStrides, type KernelConfig, type TensorInfo } from '@neurite/tensor';
import type { WasmBackend } from '../../backend.js';
import { ELEMENT_WORK } from '../elementwise/cost.js';
import { broadcastStrides, mergeWalk, writeWalk } from '../walk.js';

/**
 * BroadcastTo, Tile, Transpose, Slice and StridedSlice are one kernel: a copy that walks the input with
 * some dims and strides (and a starting offset) while writing the output in order.
 */
function stridedCopy(w: WasmBackend, x: TensorInfo, outShape: readonly number[], dims: number[], strides: number[], start = 0): TensorInfo {
  const out = w.makeOutput(outShape, x.dtype);
  const n = outShape.reduce((p, d) => p * d, 1);
  if (n === 0) return out.info;
  const size = x.dtype === 'bool' ? 1 : 4;
  const walk = mergeWalk(dims, strides);
  w.parallel(size === 4 ? 'strided_copy_4' : 'strided_copy_1', [out.ptr, w.ptr(x) + start * size, writeWalk(w, walk)], n, n * ELEMENT_WORK, 1024);
  return out.info;
}

export const broadcastToKernel: KernelConfig<'BroadcastTo'> = {
  kernelName: 'BroadcastTo',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [x], attrs: { shape }, backend }) =>
    stridedCopy(backend as WasmBackend, x, shape, [...shape], broadcastStrides(x.shape, shape.length)),
};

/** Each axis i becomes [reps[i], dims[i]] with stride 0 on the repeats: the output's row-major layout. */
export const tileKernel: KernelConfig<'Tile'> = {
  kernelName: 'Tile',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [x], attrs: { reps }, backend }) => {
    const xs = computeStrides(x.shape);
    return stridedCopy(
      backend as WasmBackend, x, x.shape.map((d, i) => d * reps[i]),
      x.shape.flatMap((d, i) => [reps[i], d]), x.shape.flatMap((_, i) => [0, xs[i]]),
    );
  },
};

export const transposeKernel: KernelConfig<'Transpose'> = {
  kernelName: 'Transpose',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [x], attrs: { perm }, backend }) => {
    const xs = computeStrides(x.shape);
    const shape = perm.map((p) => x.shape[p]);
    return stridedCopy(backend as WasmBackend, x, shape, shape, perm.map((p) => xs[p]));
  },
};

export const sliceKernel: KernelConfig<'Slice'> = {
  kernelName: 'Slice',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [x], attrs: { begin, size }, backend }) => {
    const xs = computeStrides(x.shape);
    const start = begin.reduce((s, b, i) => s + b * xs[i], 0);
    return stridedCopy(backend as WasmBackend, x, size, [...size], xs, start);
  },
};

/** Element j of axis i is begin[i] + j * strides[i] (strides may be negative). */
export const stridedSliceKernel: KernelConfig<'StridedSlice'> = {
  kernelName: 'StridedSlice',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [x], attrs: { begin, strides, size }, backend }) => {
    const xs = computeStrides(x.shape);
    const start = begin.reduce((s, b, i) => s + b * xs[i], 0);
    return stridedCopy(backend as WasmBackend, x, size, [...size], xs.map((s, i) => s * strides[i]), start);
  },
};
