import { UNARY_KERNELS, type KernelConfig, type UnaryKernelName } from '@neurite/tensor';
import type { WasmBackend } from '../../backend.js';
import type { WasmKernelName } from '../../wasm-exports.js';
import { hostKernel } from '../host.js';
import { ELEMENT_WORK } from './cost.js';

/** The WebAssembly kernel of each unary op, per input dtype; the others run the CPU's on wasm memory. */
const WASM_UNARY: Partial<Record<UnaryKernelName, { float32?: WasmKernelName; int32?: WasmKernelName }>> = {
  Abs: { float32: 'abs_f32', int32: 'abs_i32' },
  Neg: { float32: 'neg_f32', int32: 'neg_i32' },
  Square: { float32: 'square_f32', int32: 'square_i32' },
  Sqrt: { float32: 'sqrt_f32' },
  Rsqrt: { float32: 'rsqrt_f32' },
  Relu: { float32: 'relu_f32' },
  Relu6: { float32: 'relu6_f32' },
  Sign: { float32: 'sign_f32' },
  Exp: { float32: 'exp_f32' },
  Log: { float32: 'log_f32' },
  Tanh: { float32: 'tanh_f32' },
  Sigmoid: { float32: 'sigmoid_f32' },
};

/** Runs a contiguous elementwise WebAssembly kernel fn(out, x, ...params) over every element of x. */
export function runElementwise(
  w: WasmBackend, fn: WasmKernelName, x: { shape: readonly number[]; dataId: object; dtype: string },
  outDType: 'float32' | 'int32' | 'bool', params: number[] = [],
) {
  const out = w.makeOutput(x.shape, outDType);
  const n = x.shape.reduce((p, d) => p * d, 1);
  if (n > 0) w.parallel(fn, [out.ptr, w.ptr(x as never), ...params], n, n * ELEMENT_WORK, 1024);
  return out.info;
}

function unaryKernel(kernelName: UnaryKernelName): KernelConfig<UnaryKernelName> {
  const host = hostKernel(kernelName);
  const table = WASM_UNARY[kernelName] ?? {};
  return {
    kernelName,
    kernelSet: 'wasm',
    kernelFunc: (args) => {
      const [x] = args.inputs;
      const fn = table[x.dtype as 'float32' | 'int32'];
      return fn ? runElementwise(args.backend as WasmBackend, fn, x, x.dtype) : host(args);
    },
  };
}

export const unaryKernels = UNARY_KERNELS.map(unaryKernel);

export const leakyReluKernel: KernelConfig<'LeakyRelu'> = {
  kernelName: 'LeakyRelu',
  kernelSet: 'wasm',
  kernelFunc: (args) => {
    const [x] = args.inputs;
    if (x.dtype !== 'float32') return hostKernel('LeakyRelu')(args);
    return runElementwise(args.backend as WasmBackend, 'leaky_relu_f32', x, 'float32', [args.attrs.alpha]);
  },
};

export const clipByValueKernel: KernelConfig<'ClipByValue'> = {
  kernelName: 'ClipByValue',
  kernelSet: 'wasm',
  kernelFunc: (args) => {
    const [x] = args.inputs;
    const { min, max } = args.attrs;
    // float32 bounds compare exactly as the CPU's double ones only when they are float32 values
    if (x.dtype !== 'float32' || Math.fround(min) !== min || Math.fround(max) !== max) return hostKernel('ClipByValue')(args);
    return runElementwise(args.backend as WasmBackend, 'clip_f32', x, 'float32', [min, max]);
  },
};
