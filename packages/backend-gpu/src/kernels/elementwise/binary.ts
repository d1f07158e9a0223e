import {
  BINARY_KERNELS, COMPARISON_KERNELS, broadcastShapes, type BinaryKernelName, type KernelConfig, type TensorInfo,
} from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { program, type Program } from '../../program.js';
import { argList, unravelSource } from '../index-source.js';
import { broadcastPlan, isElementwise } from './broadcast.js';
import { pow } from './expressions.js';

/** Each binary kernel as an expression of the elements `a` and `b`. */
const BINARY: Record<BinaryKernelName, string> = {
  Add: 'a + b',
  Sub: 'a - b',
  Mul: 'a * b',
  Div: 'a / b',
  Pow: pow('a', 'b'),
  // NaN wins, as in Math.max/min: a NaN `a` fails no test, so it is kept explicitly
  Maximum: '(a > b || a != a ? a : b)',
  Minimum: '(a < b || a != a ? a : b)',
  Equal: '(a == b ? 1 : 0)',
  NotEqual: '(a != b ? 1 : 0)',
  Greater: '(a > b ? 1 : 0)',
  GreaterEqual: '(a >= b ? 1 : 0)',
  Less: '(a < b ? 1 : 0)',
  LessEqual: '(a <= b ? 1 : 0)',
  LogicalAnd: '(a != 0 && b != 0 ? 1 : 0)',
  LogicalOr: '(a != 0 || b != 0 ? 1 : 0)',
};

/**
 * An n-ary elementwise program: inputs x0..x{n-1} combine into the output element through `statements`,
 * which read the input elements v0..v{n-1}. Rank 0 means every input is read at the output's index; a
 * rank r >= 1 program takes the merged output dims and each input's strides as arguments.
 */
function naryProgram(name: string, arity: number, rank: number, statements: string): Program {
  return program(`${name}/rank${rank}`, () => {
    const inputs = argList('x', arity);
    if (rank === 0) {
      const reads = Array.from({ length: arity }, (_, j) => `const v${j} = x${j}[this.thread.x];`).join('\n  ');
      return `function (${inputs}, nan) {\n  ${reads}\n  ${statements}\n}`;
    }
    const strideArgs = Array.from({ length: arity }, (_, j) => argList(`s${j}_`, rank)).join(', ');
    const reads = Array.from({ length: arity }, (_, j) => {
      const offset = Array.from({ length: rank }, (_, axis) => `c${axis} * s${j}_${axis}`).join(' + ');
      return `const v${j} = x${j}[${offset}];`;
    }).join('\n  ');
    return `function (${inputs}, ${argList('d', rank)}, ${strideArgs}, nan) {
  ${unravelSource(rank, 'this.thread.x')}
  ${reads}
  ${statements}
}`;
  });
}

/** Runs an n-ary elementwise program over inputs broadcast to `shape`. */
export function runElementwise(
  backend: GpuBackend, name: string, statements: string, inputs: TensorInfo[], shape: number[], dtype: TensorInfo['dtype'],
): TensorInfo {
  const plan = broadcastPlan(shape, inputs.map((t) => t.shape));
  // `nan` is an argument: shaders cannot make NaN reliably (see unary.ts)
  if (isElementwise(plan)) return backend.run(naryProgram(name, inputs.length, 0, statements), inputs, [Number.NaN], shape, dtype);
  const rank = plan.dims.length;
  const prog = naryProgram(name, inputs.length, rank, statements);
  return backend.run(prog, inputs, [...plan.dims, ...plan.strides.flat(), Number.NaN], shape, dtype);
}

/** What a NaN operand gives (see KEEP_NAN in unary.ts): itself for arithmetic, false for comparisons. */
function nanGuard(kernelName: BinaryKernelName): string {
  if (kernelName === 'LogicalAnd' || kernelName === 'LogicalOr') return '';
  const isNaN = '!(a < 0 || a >= 0) || !(b < 0 || b >= 0)';
  if (COMPARISON_KERNELS.includes(kernelName)) return `if (${isNaN}) { return ${kernelName === 'NotEqual' ? 1 : 0}; }`;
  const keep = 'if (!(a < 0 || a >= 0)) { return a; }\n  if (!(b < 0 || b >= 0)) { return b; }';
  return kernelName === 'Pow' ? `if (b == 0) { return 1; }\n  ${keep}` : keep;
}

function binaryKernel(kernelName: BinaryKernelName): KernelConfig<BinaryKernelName> {
  const statements = `const a = v0;\n  const b = v1;\n  ${nanGuard(kernelName)}\n  return ${BINARY[kernelName]};`;
  const comparison = COMPARISON_KERNELS.includes(kernelName);
  return {
    kernelName,
    kernelSet: 'gpu',
    kernelFunc: ({ inputs: [a, b], backend }) => {
      const shape = broadcastShapes(kernelName, a.shape, b.shape);
      return runElementwise(backend as GpuBackend, `binary/${kernelName}`, statements, [a, b], shape, comparison ? 'bool' : a.dtype);
    },
  };
}

export const binaryKernels: KernelConfig<BinaryKernelName>[] = BINARY_KERNELS.map(binaryKernel);

/** condition ? a : b; the op has already broadcast the three inputs to one shape. */
export const selectKernel: KernelConfig<'Select'> = {
  kernelName: 'Select',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [condition, a, b], backend }) =>
    runElementwise(backend as GpuBackend, 'Select', 'return v0 != 0 ? v1 : v2;', [condition, a, b], [...a.shape], a.dtype),
};
