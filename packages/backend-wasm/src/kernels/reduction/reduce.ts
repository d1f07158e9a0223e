import { reducedShape, type KernelConfig, type ReduceKernelName, type TensorInfo } from '@neurite/tensor';
import type { WasmBackend } from '../../backend.js';
import type { WasmKernelName } from '../../wasm-exports.js';
import { ELEMENT_WORK } from '../elementwise/cost.js';
import { hostKernel } from '../host.js';

/** Must match assembly/reduce.ts. */
const COLUMNS = 256;
const PARTIAL = 65536;

const KERNELS: Partial<Record<ReduceKernelName, { float32: WasmKernelName; int32: WasmKernelName }>> = {
  Sum: { float32: 'sum_f32', int32: 'sum_i32' },
  Max: { float32: 'max_reduce_f32', int32: 'max_reduce_i32' },
  Min: { float32: 'min_reduce_f32', int32: 'min_reduce_i32' },
};

/**
 * The input as [outer, n, inner] with the reduced axes in the middle, or null when they are not one
 * block of neighbouring axes (size-1 axes aside): such reductions run the CPU's kernel.
 */
export function reductionBlock(shape: readonly number[], axes: readonly number[]): { outer: number; n: number; inner: number } | null {
  let outer = 1;
  let n = 1;
  let inner = 1;
  let phase = 0; // 0: before the reduced block, 1: in it, 2: after it
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (d === 1) continue;
    const reduced = axes.includes(i);
    if (reduced) {
      if (phase === 2) return null;
      phase = 1;
      n *= d;
    } else if (phase === 0) {
      outer *= d;
    } else {
      phase = 2;
      inner *= d;
    }
  }
  return { outer, n, inner };
}

function reduceKernel(kernelName: ReduceKernelName): KernelConfig<ReduceKernelName> {
  const host = hostKernel(kernelName);
  const table = KERNELS[kernelName];
  return {
    kernelName,
    kernelSet: 'wasm',
    kernelFunc: (args) => {
      const { inputs: [x], attrs: { axes }, backend } = args;
      const block = table && (x.dtype === 'float32' || x.dtype === 'int32') ? reductionBlock(x.shape, axes) : null;
      if (!table || !block) return host(args);
      const w = backend as WasmBackend;
      const out = w.makeOutput(reducedShape(x.shape, axes, false), x.dtype);
      const { outer, n, inner } = block;
      if (outer * inner === 0) return out.info;
      const total = outer * n * inner;
      if (kernelName === 'Sum' && x.dtype === 'float32' && outer * inner === 1 && n >= 2 * PARTIAL) {
        sumInPieces(w, x, out.ptr, n);
        return out.info;
      }
      const units = inner === 1 ? outer : outer * Math.ceil(inner / COLUMNS);
      const scratch = w.scratch(w.threads * COLUMNS * 8);
      w.parallel(table[x.dtype as 'float32' | 'int32'], [out.ptr, w.ptr(x), n, inner, scratch], units, total * ELEMENT_WORK);
      return out.info;
    },
  };
}

/** A whole-tensor float32 sum: float64 sums of fixed pieces (in parallel), then their sum in order. */
function sumInPieces(w: WasmBackend, x: TensorInfo, out: number, n: number): void {
  const pieces = Math.ceil(n / PARTIAL);
  const partials = w.scratch(pieces * 8);
  w.parallel('sum_partials_f32', [partials, w.ptr(x), n], pieces, n * ELEMENT_WORK);
  w.exports.sum_f64_to_f32(out, partials, pieces);
}

export const sumKernel = reduceKernel('Sum');
export const maxKernel = reduceKernel('Max');
export const minKernel = reduceKernel('Min');
