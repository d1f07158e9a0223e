import type { DType, KernelConfig, UnaryKernelName } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { program } from '../../program.js';
import { erfcStatements, expm1, log1p, tanh } from './expressions.js';

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/** Each unary kernel as statements (optional) and a result expression of the input element `v`. */
const UNARY: Record<UnaryKernelName, { body?: string; result: string; out?: DType }> = {
  Abs: { result: 'Math.abs(v)' },
  Neg: { result: '-v' },
  Sign: { result: '(v > 0 ? 1 : (v < 0 ? -1 : (v == 0 ? 0 : v)))' },
  Square: { result: 'v * v' },
  Sqrt: { result: '(v < 0 ? nan : Math.sqrt(v))' },
  Rsqrt: { result: '(v < 0 ? nan : (v == 0 ? inf : 1 / Math.sqrt(v)))' },
  Exp: { result: 'Math.exp(v)' },
  Log: { result: '(v < 0 ? nan : (v == 0 ? -inf : Math.log(v)))' },
  Log1p: { result: `(v < -1 ? nan : (v == -1 ? -inf : ${log1p('v')}))` },
  Relu: { result: '(v < 0 ? 0 : v)' },
  Relu6: { result: '(v < 0 ? 0 : (v > 6 ? 6 : v))' },
  Elu: { result: `(v > 0 ? v : ${expm1('v')})` },
  Selu: { result: `(v < 0 ? ${SELU_SCALE * SELU_ALPHA} * ${expm1('v')} : ${SELU_SCALE} * v)` },
  Gelu: { body: erfcStatements('-v * 0.7071067811865476', 'ec'), result: '(v < -1e30 ? 0 : 0.5 * v * ec)' },
  Sigmoid: { result: '(v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)))' },
  Tanh: { result: tanh('v') },
  Softplus: { body: 'const en = Math.exp(-Math.abs(v));', result: `(v > 0 ? v : 0) + ${log1p('en')}` },
  Softsign: { result: '(Math.abs(v) > 1e30 ? (v > 0 ? 1 : -1) : v / (1 + Math.abs(v)))' },
  LogicalNot: { result: '(v == 0 ? 1 : 0)', out: 'bool' },
};

/**
 * Shader stacks do not all keep NaN through Math functions (SwiftShader's log(NaN) is 88.7, WGSL
 * folds v != v to false), so NaN inputs return themselves first. `v < 0 || v >= 0` is false only for NaN
 * and survives every compiler tried.
 */
const KEEP_NAN = 'if (!(v < 0 || v >= 0)) { return v; }';

/**
 * Unary programs take NaN and Infinity as arguments (`nan`, `inf`): shaders have no reliable way to
 * make them (0 / 0 is folded or undefined), and log(0), sqrt(-1) must give what JavaScript gives.
 */
const SPECIALS = [Number.NaN, Number.POSITIVE_INFINITY];

function unaryProgram(name: string, body: string, result: string, params = '', nanGuard = KEEP_NAN) {
  return program(`unary/${name}`, `function (x, nan, inf${params}) {
  const v = x[this.thread.x];
  ${nanGuard}
  ${body}
  return ${result};
}`);
}

function unaryKernel(kernelName: UnaryKernelName): KernelConfig<UnaryKernelName> {
  const { body = '', result, out } = UNARY[kernelName];
  const prog = unaryProgram(kernelName, body, result, '', kernelName === 'LogicalNot' ? '' : KEEP_NAN);
  return {
    kernelName,
    kernelSet: 'gpu',
    kernelFunc: ({ inputs: [x], backend }) => (backend as GpuBackend).run(prog, [x], SPECIALS, x.shape, out ?? x.dtype),
  };
}

export const unaryKernels: KernelConfig<UnaryKernelName>[] = (Object.keys(UNARY) as UnaryKernelName[]).map(unaryKernel);

const leakyRelu = unaryProgram('LeakyRelu', '', '(v < 0 ? alpha * v : v)', ', alpha');
export const leakyReluKernel: KernelConfig<'LeakyRelu'> = {
  kernelName: 'LeakyRelu',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [x], attrs: { alpha }, backend }) => (backend as GpuBackend).run(leakyRelu, [x], [...SPECIALS, alpha], x.shape, x.dtype),
};

const clip = unaryProgram('ClipByValue', '', '(v < lo ? lo : (v > hi ? hi : v))', ', lo, hi');
export const clipByValueKernel: KernelConfig<'ClipByValue'> = {
  kernelName: 'ClipByValue',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [x], attrs: { min, max }, backend }) => (backend as GpuBackend).run(clip, [x], [...SPECIALS, min, max], x.shape, x.dtype),
};

const castToBool = unaryProgram('CastBool', '', '(v != 0 ? 1 : 0)', '', 'if (!(v < 0 || v >= 0)) { return 1; }');
const castToInt = unaryProgram('CastInt', '', '(v < 0 ? Math.ceil(v) : Math.floor(v))', '', 'if (!(v < 0 || v >= 0)) { return 0; }');
const copy = unaryProgram('Copy', '', 'v');
export const castKernel: KernelConfig<'Cast'> = {
  kernelName: 'Cast',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [x], attrs: { dtype }, backend }) => {
    const prog = dtype === 'bool' ? castToBool : dtype === 'int32' && x.dtype === 'float32' ? castToInt : copy;
    return (backend as GpuBackend).run(prog, [x], SPECIALS, x.shape, dtype);
  },
};
