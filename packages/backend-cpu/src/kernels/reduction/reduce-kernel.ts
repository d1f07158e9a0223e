import { makeTypedArray, reducedShape, sizeFromShape, type KernelConfig, type ReduceKernelName, type TypedArray } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';

export type ReduceMode = 'sum' | 'prod' | 'max' | 'min';

const INIT: Record<ReduceMode, number> = { sum: 0, prod: 1, max: -Infinity, min: Infinity };

/**
 * Builds a reduction kernel. Accumulates in float64 (exact for int32 sums below 2^53), then stores in the
 * input's dtype. Max and min propagate NaN.
 */
export function reduceKernel(kernelName: ReduceKernelName, mode: ReduceMode): KernelConfig<ReduceKernelName> {
  return {
    kernelName,
    kernelSet: 'cpu',
    kernelFunc: ({ inputs: [x], attrs: { axes }, backend }) => {
      const cpu = backend as HostArrays;
      const outShape = reducedShape(x.shape, axes, false);
      const acc = new Float64Array(sizeFromShape(outShape)).fill(INIT[mode]);
      const values = cpu.values(x);
      if (values.length > 0) reduceInto(values, x.shape, axes, acc, mode);
      const out = makeTypedArray(x.dtype, acc.length);
      out.set(acc);
      return cpu.output(out, outShape, x.dtype);
    },
  };
}

/**
 * Merges neighbouring axes that are both reduced or both kept (and drops size-1 axes), so that the
 * innermost group is one long contiguous run: the hot loops below then walk plain ranges.
 */
function collapse(shape: readonly number[], axes: readonly number[]): { dims: number[]; reduced: boolean[] } {
  const dims: number[] = [];
  const reduced: boolean[] = [];
  shape.forEach((d, i) => {
    if (d === 1) return;
    const r = axes.includes(i);
    if (dims.length && reduced[reduced.length - 1] === r) dims[dims.length - 1] *= d;
    else {
      dims.push(d);
      reduced.push(r);
    }
  });
  return { dims, reduced };
}

function reduceInto(values: TypedArray, shape: readonly number[], axes: readonly number[], acc: Float64Array, mode: ReduceMode): void {
  const { dims, reduced } = collapse(shape, axes);
  if (dims.length === 0) {
    acc[0] = foldRun(mode, values, 0, 1, acc[0]);
    return;
  }
  const last = dims.length - 1;
  const inner = dims[last];
  // output stride of each outer group (0 for reduced groups)
  const outStrides = new Array<number>(last).fill(0);
  let s = reduced[last] ? 1 : inner;
  for (let g = last - 1; g >= 0; g--) {
    if (!reduced[g]) {
      outStrides[g] = s;
      s *= dims[g];
    }
  }
  const outer = values.length / inner;
  const coord = new Array<number>(last).fill(0);
  let outIndex = 0;
  for (let o = 0, inBase = 0; o < outer; o++, inBase += inner) {
    if (reduced[last]) acc[outIndex] = foldRun(mode, values, inBase, inner, acc[outIndex]);
    else combineRun(mode, values, inBase, acc, outIndex, inner);
    // odometer over the outer groups, moving the output index along
    for (let g = last - 1; g >= 0; g--) {
      outIndex += outStrides[g];
      if (++coord[g] < dims[g]) break;
      outIndex -= outStrides[g] * coord[g];
      coord[g] = 0;
    }
  }
}

/** Folds values[start, start + n) into one accumulator. */
function foldRun(mode: ReduceMode, v: TypedArray, start: number, n: number, a: number): number {
  const end = start + n;
  switch (mode) {
    case 'sum':
      for (let i = start; i < end; i++) a += v[i];
      return a;
    case 'prod':
      for (let i = start; i < end; i++) a *= v[i];
      return a;
    case 'max':
      for (let i = start; i < end; i++) if (v[i] > a || v[i] !== v[i]) a = v[i];
      return a;
    case 'min':
      for (let i = start; i < end; i++) if (v[i] < a || v[i] !== v[i]) a = v[i];
      return a;
  }
}

/** Combines values[start, start + n) elementwise into acc[outStart, outStart + n). */
function combineRun(mode: ReduceMode, v: TypedArray, start: number, acc: Float64Array, outStart: number, n: number): void {
  const d = outStart - start;
  const end = start + n;
  switch (mode) {
    case 'sum':
      for (let i = start; i < end; i++) acc[i + d] += v[i];
      return;
    case 'prod':
      for (let i = start; i < end; i++) acc[i + d] *= v[i];
      return;
    case 'max':
      for (let i = start; i < end; i++) if (v[i] > acc[i + d] || v[i] !== v[i]) acc[i + d] = v[i];
      return;
    case 'min':
      for (let i = start; i < end; i++) if (v[i] < acc[i + d] || v[i] !== v[i]) acc[i + d] = v[i];
      return;
  }
}
