import { computeStrides, makeTypedArray, type KernelConfig, type TypedArray } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';

/**
 * Simplifies a transpose: drops size-1 axes and merges input axes that stay neighbours in the output,
 * so [b, h, w, c] -> [b, c, h, w] becomes a batch of [h*w, c] matrix transposes.
 */
function collapse(shape: readonly number[], perm: readonly number[]): { shape: number[]; perm: number[] } {
  const keptAxes = shape.flatMap((d, i) => (d === 1 ? [] : [i]));
  const compact = new Map(keptAxes.map((a, k) => [a, k]));
  const groups: number[][] = [];
  for (const p of perm) {
    const k = compact.get(p);
    if (k === undefined) continue;
    const last = groups[groups.length - 1];
    if (last && last[last.length - 1] + 1 === k) last.push(k);
    else groups.push([k]);
  }
  // renumber the groups by their position in the input
  const byInput = groups.map((g, i) => i).sort((a, b) => groups[a][0] - groups[b][0]);
  const inputShape = byInput.map((i) => groups[i].reduce((n, k) => n * shape[keptAxes[k]], 1));
  const newPerm = new Array<number>(groups.length);
  byInput.forEach((i, pos) => (newPerm[i] = pos));
  return { shape: inputShape, perm: newPerm };
}

export const transposeKernel: KernelConfig<'Transpose'> = {
  kernelName: 'Transpose',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x], attrs: { perm }, backend }) => {
    const cpu = backend as HostArrays;
    const v = cpu.values(x);
    const outShape = perm.map((p) => x.shape[p]);
    const out = makeTypedArray(x.dtype, v.length);
    const c = collapse(x.shape, perm);
    if (c.perm.every((p, i) => p === i)) out.set(v);
    else if (c.perm.length === 2) transpose2D(v, out, 1, c.shape[0], c.shape[1]);
    else if (c.perm.length === 3 && c.perm[0] === 0 && c.perm[1] === 2 && c.perm[2] === 1) {
      transpose2D(v, out, c.shape[0], c.shape[1], c.shape[2]);
    } else transposeGeneral(v, out, c.shape, c.perm);
    return cpu.output(out, outShape, x.dtype);
  },
};

const TILE = 32;

/** A batch of [rows, cols] -> [cols, rows] transposes, in cache-sized tiles. */
function transpose2D(v: TypedArray, out: TypedArray, batch: number, rows: number, cols: number): void {
  const plane = rows * cols;
  for (let b = 0; b < batch; b++) {
    const base = b * plane;
    for (let r0 = 0; r0 < rows; r0 += TILE) {
      const r1 = Math.min(r0 + TILE, rows);
      for (let c0 = 0; c0 < cols; c0 += TILE) {
        const c1 = Math.min(c0 + TILE, cols);
        for (let r = r0; r < r1; r++) {
          const src = base + r * cols;
          for (let c = c0; c < c1; c++) out[base + c * rows + r] = v[src + c];
        }
      }
    }
  }
}

/** Walks the output in order; the innermost output axis is a strided loop over the input. */
function transposeGeneral(v: TypedArray, out: TypedArray, shape: number[], perm: number[]): void {
  const rank = perm.length;
  const inStrides = computeStrides(shape);
  const outShape = perm.map((p) => shape[p]);
  const steps = perm.map((p) => inStrides[p]);
  const last = rank - 1;
  const innerCount = outShape[last];
  const innerStep = steps[last];
  const coord = new Array<number>(last).fill(0);
  let src = 0;
  for (let o = 0; o < out.length; ) {
    for (let j = 0, s = src; j < innerCount; j++, s += innerStep) out[o++] = v[s];
    for (let a = last - 1; a >= 0; a--) {
      src += steps[a];
      if (++coord[a] < outShape[a]) break;
      src -= steps[a] * coord[a];
      coord[a] = 0;
    }
  }
}
