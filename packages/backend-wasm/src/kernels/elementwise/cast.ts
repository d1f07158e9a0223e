import type { DType, KernelConfig } from '@neurite/tensor';
import type { WasmBackend } from '../../backend.js';
import type { WasmKernelName } from '../../wasm-exports.js';
import { hostKernel } from '../host.js';
import { ELEMENT_WORK } from './cost.js';
import { runElementwise } from './unary.js';

const CASTS: Partial<Record<`${DType}->${DType}`, WasmKernelName>> = {
  'float32->int32': 'cast_f32_i32',
  'int32->float32': 'cast_i32_f32',
  'bool->float32': 'cast_bool_f32',
  'bool->int32': 'cast_bool_i32',
  'float32->bool': 'cast_f32_bool',
  'int32->bool': 'cast_i32_bool',
};

export const castKernel: KernelConfig<'Cast'> = {
  kernelName: 'Cast',
  kernelSet: 'wasm',
  kernelFunc: (args) => {
    const [x] = args.inputs;
    const fn = CASTS[`${x.dtype}->${args.attrs.dtype}`];
    if (!fn) return hostKernel('Cast')(args);
    return runElementwise(args.backend as WasmBackend, fn, x, args.attrs.dtype);
  },
};

/** condition ? a : b; the op has broadcast all three to one shape. */
export const selectKernel: KernelConfig<'Select'> = {
  kernelName: 'Select',
  kernelSet: 'wasm',
  kernelFunc: (args) => {
    const [condition, a, b] = args.inputs;
    if (a.dtype === 'bool') return hostKernel('Select')(args);
    const w = args.backend as WasmBackend;
    const out = w.makeOutput(a.shape, a.dtype);
    const n = a.shape.reduce((p, d) => p * d, 1);
    if (n > 0) w.parallel('select_4', [out.ptr, w.ptr(condition), w.ptr(a), w.ptr(b)], n, n * ELEMENT_WORK, 1024);
    return out.info;
  },
};
