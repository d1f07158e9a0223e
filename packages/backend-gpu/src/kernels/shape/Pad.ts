import type { KernelConfig } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { program, type Program } from '../../program.js';
import { argList, unravelSource } from '../index-source.js';
import { stridesOf } from './strided.js';

/**
 * Output coordinate c_d reads x at c_d - b_d, or is `value` when that is outside [0, m_d) on any axis.
 * Arguments: output dims d, paddings before b, input dims m, input strides s, the constant.
 */
function padProgram(rank: number): Program {
  return program(`Pad/rank${rank}`, () => {
    const checks = Array.from({ length: rank }, (_, d) =>
      `const i${d} = c${d} - b${d};\n  if (i${d} < 0 || i${d} >= m${d}) { return value; }`).join('\n  ');
    const index = Array.from({ length: rank }, (_, d) => `i${d} * s${d}`).join(' + ');
    return `function (x, ${argList('d', rank)}, ${argList('b', rank)}, ${argList('m', rank)}, ${argList('s', rank)}, value) {
  ${unravelSource(rank, 'this.thread.x')}
  ${checks}
  return x[${index}];
}`;
  });
}

/**
 * Pads with a constant. Unpadded neighbouring axes are merged and unpadded size-1 axes dropped; an empty
 * x keeps its empty axis, so every output element is the constant.
 */
export const padKernel: KernelConfig<'Pad'> = {
  kernelName: 'Pad',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [x], attrs: { paddings, constantValue }, backend }) => {
    const shape = x.shape.map((d, i) => paddings[i][0] + d + paddings[i][1]);
    if (paddings.every(([b, a]) => b === 0 && a === 0)) return { dataId: x.dataId, shape, dtype: x.dtype };
    const inStrides = stridesOf(x.shape);
    const dims: number[] = [];
    const before: number[] = [];
    const inDims: number[] = [];
    const strides: number[] = [];
    let lastUnpadded = false;
    x.shape.forEach((m, i) => {
      const [b, a] = paddings[i];
      const unpadded = b === 0 && a === 0;
      if (unpadded && m === 1) return;
      const k = dims.length - 1;
      if (unpadded && lastUnpadded) {
        dims[k] *= m;
        inDims[k] *= m;
        strides[k] = inStrides[i];
      } else {
        dims.push(shape[i]);
        before.push(b);
        inDims.push(m);
        strides.push(inStrides[i]);
      }
      lastUnpadded = unpadded;
    });
    const rank = dims.length;
    return (backend as GpuBackend).run(padProgram(rank), [x], [...dims, ...before, ...inDims, ...strides, constantValue], shape, x.dtype);
  },
};
