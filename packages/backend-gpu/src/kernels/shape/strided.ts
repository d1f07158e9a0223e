import { computeStrides, sizeFromShape, type DType, type Shape, type TensorInfo } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { program, type Program } from '../../program.js';
import { argList, unravelSource } from '../index-source.js';

/**
 * A strided view of an input: output element c (coordinates c0..c{r-1} in `dims`) reads input element
 * offset + sum(c_d * strides_d). Strides may be 0 (broadcast, tiled copies) or negative (reversed
 * strided slices). Transpose, Slice, StridedSlice, BroadcastTo and Tile are all such views.
 */
export interface StridedView {
  dims: number[];
  strides: number[];
  offset: number;
}

/** The gather program for a view of rank `rank` (>= 1): one read per output element. */
function stridedProgram(rank: number): Program {
  return program(`shape/strided/rank${rank}`, () => {
    const index = Array.from({ length: rank }, (_, d) => `c${d} * s${d}`).join(' + ');
    return `function (x, ${argList('d', rank)}, ${argList('s', rank)}, offset) {
  ${unravelSource(rank, 'this.thread.x')}
  return x[offset + ${index}];
}`;
  });
}

/**
 * Simplifies a view without changing what it reads: drops size-1 axes and merges an axis into the one
 * before it when stepping the outer axis once is the same as stepping the inner one all the way.
 */
export function simplifyView(view: StridedView): StridedView {
  const dims: number[] = [];
  const strides: number[] = [];
  view.dims.forEach((d, axis) => {
    if (d === 1) return;
    const s = view.strides[axis];
    const k = dims.length - 1;
    if (k >= 0 && strides[k] === s * d) {
      dims[k] *= d;
      strides[k] = s;
    } else {
      dims.push(d);
      strides.push(s);
    }
  });
  return { dims, strides, offset: view.offset };
}

/**
 * Runs a strided view of `x` as a kernel producing `shape` (which has the view's element count). A view
 * that reads all of x in order shares x's buffer instead of copying it.
 */
export function runStrided(backend: GpuBackend, x: TensorInfo, view: StridedView, shape: Shape, dtype: DType = x.dtype): TensorInfo {
  const size = sizeFromShape(shape);
  const v = simplifyView(view);
  const inSize = sizeFromShape(x.shape);
  if (size > 0 && size === inSize && dtype === x.dtype && v.offset === 0 && (v.dims.length === 0 || (v.dims.length === 1 && v.strides[0] === 1))) {
    return { dataId: x.dataId, shape, dtype };
  }
  if (v.dims.length === 0) {
    v.dims.push(1);
    v.strides.push(0);
  }
  return backend.run(stridedProgram(v.dims.length), [x], [...v.dims, ...v.strides, v.offset], shape, dtype);
}

/** The row-major strides of `shape`, as an array of the shape's length (empty for a scalar). */
export function stridesOf(shape: Shape): number[] {
  return shape.length === 0 ? [] : computeStrides(shape);
}
