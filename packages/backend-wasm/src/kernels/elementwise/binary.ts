import { BINARY_KERNELS, broadcastShapes, type BinaryKernelName, type KernelConfig } from '@neurite/tensor';
import type { WasmBackend } from '../../backend.js';
import type { WasmKernelName } from '../../wasm-exports.js';
import { hostKernel } from '../host.js';
import { broadcastStrides, mergeWalk, writeWalk } from '../walk.js';
import { ELEMENT_WORK } from './cost.js';

/** The WebAssembly kernel of each binary op, per input dtype; the rest (Pow, logical ops, bool) runs the CPU's. */
const WASM_BINARY: Partial<Record<BinaryKernelName, { float32?: WasmKernelName; int32?: WasmKernelName }>> = {
  Add: { float32: 'add_f32', int32: 'add_i32' },
  Sub: { float32: 'sub_f32', int32: 'sub_i32' },
  Mul: { float32: 'mul_f32', int32: 'mul_i32' },
  Div: { float32: 'div_f32' },
  Maximum: { float32: 'max_f32', int32: 'max_i32' },
  Minimum: { float32: 'min_f32', int32: 'min_i32' },
  Equal: { float32: 'eq_f32', int32: 'eq_i32' },
  NotEqual: { float32: 'ne_f32', int32: 'ne_i32' },
  Greater: { float32: 'gt_f32', int32: 'gt_i32' },
  GreaterEqual: { float32: 'ge_f32', int32: 'ge_i32' },
  Less: { float32: 'lt_f32', int32: 'lt_i32' },
  LessEqual: { float32: 'le_f32', int32: 'le_i32' },
};

const COMPARISONS = new Set<BinaryKernelName>(['Equal', 'NotEqual', 'Greater', 'GreaterEqual', 'Less', 'LessEqual', 'LogicalAnd', 'LogicalOr']);

function binaryKernel(kernelName: BinaryKernelName): KernelConfig<BinaryKernelName> {
  const host = hostKernel(kernelName);
  const table = WASM_BINARY[kernelName] ?? {};
  return {
    kernelName,
    kernelSet: 'wasm',
    kernelFunc: (args) => {
      const { inputs: [a, b], backend } = args;
      const fn = table[a.dtype as 'float32' | 'int32'];
      if (!fn) return host(args);
      const w = backend as WasmBackend;
      const shape = broadcastShapes(kernelName, a.shape, b.shape);
      const out = w.makeOutput(shape, COMPARISONS.has(kernelName) ? 'bool' : a.dtype);
      const n = out.info.shape.reduce((p, d) => p * d, 1);
      if (n === 0) return out.info;
      const walk = mergeWalk(shape, broadcastStrides(a.shape, shape.length), broadcastStrides(b.shape, shape.length));
      w.parallel(fn, [out.ptr, w.ptr(a), w.ptr(b), writeWalk(w, walk)], n, n * ELEMENT_WORK, 1024);
      return out.info;
    },
  };
}

export const binaryKernels = BINARY_KERNELS.map(binaryKernel);
