import type { KernelConfig } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { divmod, program, type Program } from '../../program.js';
import { argList, unravelSource } from '../index-source.js';
import { stridesOf } from './strided.js';

/**
 * Gather-style scatter: output coordinate c_d is window element q_d = (c_d - lo_d) / step_d when that
 * divides exactly and q_d is in [0, n_d); then the value is dy[offset + sum(q_d * t_d)], else 0.
 * Arguments: output dims d, window starts lo, steps (positive), window sizes n, dy strides t (negative
 * for axes read backwards), offset.
 */
function gradProgram(rank: number): Program {
  return program(`StridedSliceGrad/rank${rank}`, () => {
    const axes = Array.from({ length: rank }, (_, d) => `const u${d} = c${d} - lo${d};
  if (u${d} < 0) { return 0; }
  ${divmod(`q${d}`, `r${d}`, `u${d}`, `step${d}`)}
  if (r${d} != 0 || q${d} >= n${d}) { return 0; }`).join('\n  ');
    const index = Array.from({ length: rank }, (_, d) => `q${d} * t${d}`).join(' + ');
    return `function (dy, ${argList('d', rank)}, ${argList('lo', rank)}, ${argList('step', rank)}, ${argList('n', rank)}, ${argList('t', rank)}, offset) {
  ${unravelSource(rank, 'this.thread.x')}
  ${axes}
  return dy[offset + ${index}];
}`;
  });
}

/**
 * Scatters dy into zeros of inputShape at the positions StridedSlice read. A negative stride is turned
 * around on the host (the window starts at its lowest position and dy is read backwards); neighbouring
 * axes taken whole merge, and size-1 axes drop.
 */
export const stridedSliceGradKernel: KernelConfig<'StridedSliceGrad'> = {
  kernelName: 'StridedSliceGrad',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [dy], attrs: { begin, strides, size, inputShape }, backend }) => {
    const shape = [...inputShape];
    if (shape.every((m, i) => size[i] === m && strides[i] === 1 && begin[i] === 0)) {
      return { dataId: dy.dataId, shape, dtype: dy.dtype }; // the window is all of the input
    }
    const dyStrides = stridesOf(size);
    const dims: number[] = [];
    const lo: number[] = [];
    const steps: number[] = [];
    const counts: number[] = [];
    const t: number[] = [];
    let offset = 0;
    let lastWhole = false;
    shape.forEach((m, i) => {
      const n = size[i];
      const s = strides[i];
      const whole = n === m && s === 1 && begin[i] === 0;
      if (m === 1 && n === 1) return; // the window is the one position, coordinate 0
      const k = dims.length - 1;
      if (whole && lastWhole) {
        dims[k] *= m;
        counts[k] *= m;
        t[k] = dyStrides[i];
      } else if (s > 0) {
        dims.push(m); lo.push(begin[i]); steps.push(s); counts.push(n); t.push(dyStrides[i]);
      } else {
        // positions begin + j * s for j < n: from the lowest, begin + (n - 1) * s, with j = n - 1 - j'
        const last = Math.max(n - 1, 0);
        dims.push(m); lo.push(begin[i] + last * s); steps.push(-s); counts.push(n); t.push(-dyStrides[i]);
        offset += last * dyStrides[i];
      }
      lastWhole = whole;
    });
    const gpu = backend as GpuBackend;
    // every axis of size 1 with its one position taken: the output is dy's one element
    if (dims.length === 0) return { dataId: dy.dataId, shape, dtype: dy.dtype };
    const rank = dims.length;
    return gpu.run(gradProgram(rank), [dy], [...dims, ...lo, ...steps, ...counts, ...t, offset], shape, dy.dtype);
  },
};
