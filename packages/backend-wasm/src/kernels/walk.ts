import type { WasmBackend } from '../backend.js';

/** A strided walk over a row-major output: its dims and, per input (one or two), a stride per dim. */
export interface Walk {
  dims: number[];
  strides: [number[], number[]];
}

/**
 * Drops size-1 axes and merges neighbours along which every input stays evenly strided (its stride on
 * the outer axis is the inner stride times the inner size), so the walk takes as few, long runs as
 * possible. A rank-0 walk becomes one axis of size 1.
 */
export function mergeWalk(dims: readonly number[], s0: readonly number[], s1: readonly number[] = s0): Walk {
  const out: Walk = { dims: [], strides: [[], []] };
  for (let i = 0; i < dims.length; i++) {
    const d = dims[i];
    if (d === 1) continue;
    const k = out.dims.length - 1;
    if (k >= 0 && out.strides[0][k] === s0[i] * d && out.strides[1][k] === s1[i] * d) {
      out.dims[k] *= d;
      out.strides[0][k] = s0[i];
      out.strides[1][k] = s1[i];
    } else {
      out.dims.push(d);
      out.strides[0].push(s0[i]);
      out.strides[1].push(s1[i]);
    }
  }
  if (out.dims.length === 0) return { dims: [1], strides: [[0], [0]] };
  return out;
}

/** Row-major strides of `shape` aligned to the trailing axes of a rank-`rank` output, 0 where broadcast. */
export function broadcastStrides(shape: readonly number[], rank: number): number[] {
  const strides = new Array<number>(rank).fill(0);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[rank - shape.length + i] = shape[i] === 1 ? 0 : s;
    s *= shape[i];
  }
  return strides;
}

/** Writes the walk for every thread (the kernels' layout, assembly/strided.ts) and returns its address. */
export function writeWalk(w: WasmBackend, walk: Walk): number {
  return w.walkMeta(walk.dims, walk.strides[0], walk.strides[1]);
}
