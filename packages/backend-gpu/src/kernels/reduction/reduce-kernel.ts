import { makeTypedArray, reducedShape, sizeFromShape, type DType, type KernelConfig, type ReduceKernelName, type TensorInfo } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { divmod, program, type Program } from '../../program.js';
import { argList, unravelSource } from '../index-source.js';
import { reducePlan, type ReducePlan } from './reduce-plan.js';

export type ReduceMode = 'sum' | 'prod' | 'max' | 'min';

/** The result of reducing nothing (an axis of size 0), as the CPU backend gives it. */
const IDENTITY: Record<ReduceMode, number> = { sum: 0, prod: 1, max: -Infinity, min: Infinity };

/**
 * How sum, max and min start and fold one element `v` into `acc`. Max and min start from the first
 * element of the group (gpu.js's GLSL has no true Infinity literal) and let NaN win: once `acc` is NaN
 * no number replaces it, and a NaN `v` fails every comparison, so it is taken explicitly.
 */
const FOLD: Record<Exclude<ReduceMode, 'prod'>, { init: string; fold: string }> = {
  sum: { init: '0', fold: 'acc = acc + v;' },
  max: { init: 'x[first]', fold: 'if (v > acc || !(v < 0 || v >= 0)) { acc = v; }' },
  min: { init: 'x[first]', fold: 'if (v < acc || !(v < 0 || v >= 0)) { acc = v; }' },
};

/**
 * Prod keeps its running product as `acc * big^ex`, with `acc` held in [small, big) (big = 2^60, passed
 * in as an argument since shader literals that large are not portable). A float32 product of many
 * elements would otherwise overflow to Infinity (or underflow to 0) part way, and Infinity times a later
 * zero gives NaN where the CPU backend, which multiplies in float64, gives 0. Scaling by a power of two
 * is exact, so this changes no rounding.
 */
const PROD_BIG = 2 ** 60;
const PROD_SMALL = 2 ** -60;
const PROD_RESCALE = `if (Math.abs(acc) >= big) { acc = acc * small; ex = ex + 1; }
  if (Math.abs(acc) < small) { acc = acc * big; ex = ex - 1; }`;

/**
 * What a prod program gives: the product (`value`), or for a split pass whose partial results another
 * pass folds, the scaled product's `mantissa` or its `exponent` (in steps of 2^60).
 */
export type ProdPart = 'value' | 'mantissa' | 'exponent';

interface ProgramOptions {
  /** >= 0: the reduced group this pass splits into runs (see reduceProgram). */
  split: number;
  /** Prod only: what the program returns. */
  part: ProdPart;
  /** Prod only: the input comes as mantissa `x` and exponent `xe` from an earlier split pass. */
  scaledInput: boolean;
}

/** The fold of one element `v` = x[at] into the running result. */
function foldSource(mode: ReduceMode, at: string, scaledInput: boolean): string {
  if (mode !== 'prod') return `const v = x[${at}];\n  ${FOLD[mode].fold}`;
  // the element is scaled first too, so a huge or tiny factor cannot overflow `acc * v`
  const lines = [`let v = x[${at}];`];
  if (scaledInput) lines.push(`ex = ex + xe[${at}];`);
  lines.push(
    'if (Math.abs(v) >= big) { v = v * small; ex = ex + 1; }',
    'if (Math.abs(v) < small) { v = v * big; ex = ex - 1; }',
    'acc = acc * v;',
    PROD_RESCALE,
  );
  return lines.join('\n  ');
}

/** The program's last lines: prod applies its exponent (6 steps reach past float32's range). */
function resultSource(mode: ReduceMode, part: ProdPart): string {
  if (mode !== 'prod' || part === 'mantissa') return 'return acc;';
  if (part === 'exponent') return 'return ex;';
  return `for (let k = 0; k < 6; k++) {
    if (ex > 0) { acc = acc * big; ex = ex - 1; }
    if (ex < 0) { acc = acc * small; ex = ex + 1; }
  }
  return acc;`;
}

/**
 * One reduction program per (mode, kept rank K, reduced rank R, split group, prod options). Output
 * element `o` (unravelled over the kept dims d0..d{K-1}, strides s0..) folds the input over nested loops
 * on the reduced dims e0..e{R-1} (strides t0..). With a split group g >= 0, the output is [outSize, chunks]
 * and each element folds only the run [j * len, j * len + len) of reduced group g (a later pass folds the
 * partial results), so a big reduction into few outputs still spreads over many threads.
 */
function reduceProgram(mode: ReduceMode, kept: number, reduced: number, { split, part, scaledInput }: ProgramOptions): Program {
  const prodName = mode === 'prod' ? `/${part}` + (scaledInput ? '/scaled' : '') : '';
  const name = `reduce/${mode}/k${kept}r${reduced}` + (split >= 0 ? `s${split}` : '') + prodName;
  return program(name, () => {
    const args = mode === 'prod' && scaledInput ? ['x', 'xe'] : ['x'];
    if (kept > 0) args.push(argList('d', kept), argList('s', kept));
    if (reduced > 0) args.push(argList('e', reduced), argList('t', reduced));
    if (split >= 0) args.push('chunks', 'len');
    if (mode === 'prod') args.push('big', 'small');
    const lines: string[] = [];
    if (split >= 0) {
      lines.push(`let idx = this.thread.x;`);
      lines.push(divmod('o', 'j', 'idx', 'chunks'));
    } else {
      lines.push(`const o = this.thread.x;`);
    }
    if (kept > 0) {
      lines.push(unravelSource(kept, 'o'));
      lines.push(`let first = ${Array.from({ length: kept }, (_, a) => `c${a} * s${a}`).join(' + ')};`);
    } else {
      lines.push(`let first = 0;`);
    }
    if (split >= 0) {
      lines.push(`const start = j * len;`);
      lines.push(`const count = Math.min(len, e${split} - start);`);
      lines.push(`first = first + start * t${split};`);
    }
    if (mode === 'prod') {
      lines.push('let acc = 1;', 'let ex = 0;');
    } else {
      lines.push(`let acc = ${FOLD[mode].init};`);
    }
    let base = 'first';
    const open: string[] = [];
    for (let g = 0; g < reduced; g++) {
      const bound = g === split ? 'count' : `e${g}`;
      open.push(`for (let r${g} = 0; r${g} < ${bound}; r${g}++) {\n  const b${g} = ${base} + r${g} * t${g};`);
      base = `b${g}`;
    }
    const body = foldSource(mode, base, scaledInput);
    lines.push(open.join('\n  ') + (reduced > 0 ? '\n  ' : '') + body + '\n  ' + '}'.repeat(reduced));
    lines.push(resultSource(mode, part));
    return `function (${args.join(', ')}) {\n  ${lines.join('\n  ')}\n}`;
  });
}

/** Below this many outputs a big reduction is split into chunks folded by a second pass. */
const SPLIT_MAX_OUTPUTS = 4096;
/** Only reductions of at least this many elements per output are split. */
const SPLIT_MIN_REDUCED = 1024;
/** The shortest run one thread folds in a split pass. */
const SPLIT_MIN_RUN = 64;
/** A split aims for about this many threads in all. */
const SPLIT_TARGET_THREADS = 4096;

/**
 * Reduces `x` (viewed through `plan`) with `mode` into `outShape`. A reduction of many elements into
 * few outputs folds in passes: the largest reduced group is cut into runs, each folded by its own
 * thread into an [outSize, chunks] intermediate, which the next pass folds along its last axis. Prod's
 * intermediates are a mantissa and an exponent (`xe`), so no partial product overflows.
 */
export function runReduce(
  backend: GpuBackend,
  mode: ReduceMode,
  x: TensorInfo,
  viewed: ReducePlan,
  outShape: number[],
  dtype: DType,
  xe?: TensorInfo,
): TensorInfo {
  const plan = padPlan(viewed);
  const outSize = sizeFromShape(outShape);
  const keptArgs = [...plan.keptDims, ...plan.keptStrides];
  const reducedArgs = [...plan.reducedDims, ...plan.reducedStrides];
  const inputs = xe ? [x, xe] : [x];
  const scaledInput = xe !== undefined;
  const prodArgs = mode === 'prod' ? [PROD_BIG, PROD_SMALL] : [];
  const reducedTotal = plan.reducedDims.reduce((a, b) => a * b, 1);
  if (outSize < SPLIT_MAX_OUTPUTS && reducedTotal >= SPLIT_MIN_REDUCED) {
    let g = 0;
    plan.reducedDims.forEach((d, i) => {
      if (d > plan.reducedDims[g]) g = i;
    });
    const e = plan.reducedDims[g];
    const wanted = Math.max(2, Math.ceil(SPLIT_TARGET_THREADS / outSize));
    const chunksWanted = Math.min(wanted, Math.floor(e / SPLIT_MIN_RUN));
    if (chunksWanted >= 2) {
      const len = Math.ceil(e / chunksWanted);
      const chunks = Math.ceil(e / len);
      const args = [...keptArgs, ...reducedArgs, chunks, len, ...prodArgs];
      const partShape = [outSize, chunks];
      // prod's partial mantissas are fractions whatever the dtype
      const partDtype = mode === 'prod' ? 'float32' : dtype;
      const pass = (part: ProdPart) =>
        backend.run(reduceProgram(mode, plan.keptDims.length, plan.reducedDims.length, { split: g, part, scaledInput }), inputs, args, partShape, partDtype);
      const partial = pass(mode === 'prod' ? 'mantissa' : 'value');
      const partialExponent = mode === 'prod' ? pass('exponent') : undefined;
      const next = { keptDims: [outSize], keptStrides: [chunks], reducedDims: [chunks], reducedStrides: [1] };
      const out = runReduce(backend, mode, partial, next, outShape, dtype, partialExponent);
      release(backend, partial);
      if (partialExponent) release(backend, partialExponent);
      return out;
    }
  }
  const prog = reduceProgram(mode, plan.keptDims.length, plan.reducedDims.length, { split: -1, part: 'value', scaledInput });
  return backend.run(prog, inputs, [...keptArgs, ...reducedArgs, ...prodArgs], outShape, dtype);
}

/**
 * Gives the plan at least one kept and one reduced group (a size-1 group with stride 0 costs nothing),
 * so fewer program variants need compiling: most reductions use kept rank 1-2 and reduced rank 1-2.
 */
function padPlan(plan: ReducePlan): ReducePlan {
  return {
    keptDims: plan.keptDims.length ? plan.keptDims : [1],
    keptStrides: plan.keptStrides.length ? plan.keptStrides : [0],
    reducedDims: plan.reducedDims.length ? plan.reducedDims : [1],
    reducedStrides: plan.reducedStrides.length ? plan.reducedStrides : [0],
  };
}

/** Frees an intermediate (in the async mode the backend waits for the kernels queued to read it). */
export function release(backend: GpuBackend, t: TensorInfo): void {
  backend.disposeData(t.dataId);
}

/** Builds Sum / Prod / Max / Min: the output keeps the input's dtype (float32 on the device). */
export function reduceKernel(kernelName: ReduceKernelName, mode: ReduceMode): KernelConfig<ReduceKernelName> {
  return {
    kernelName,
    kernelSet: 'gpu',
    kernelFunc: ({ inputs: [x], attrs: { axes }, backend }) => {
      const gpu = backend as GpuBackend;
      const outShape = reducedShape(x.shape, axes, false);
      const outSize = sizeFromShape(outShape);
      if (outSize === 0 || sizeFromShape(x.shape) === 0) {
        // nothing to read: every output reduces an empty group
        const values = makeTypedArray(x.dtype, outSize);
        values.fill(IDENTITY[mode]);
        return gpu.output(values, outShape, x.dtype);
      }
      return runReduce(gpu, mode, x, reducePlan(x.shape, axes), outShape, x.dtype);
    },
  };
}
