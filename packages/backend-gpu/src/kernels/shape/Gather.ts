import { NeuriteError, type KernelConfig } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { divmod, program } from '../../program.js';
import { hostIndices } from './indices.js';

/**
 * x viewed as [outer, n, inner], the output as [outer, k, inner] for k indices: element (a, j, e) reads
 * x[(a * n + indices[j]) * inner + e]. An index outside [0, n) (only possible when it was not checked on
 * the host) gives 0.
 */
const GATHER = program('Gather', `function (x, indices, k, inner, n) {
  ${divmod('row', 'e', 'this.thread.x', 'inner')}
  ${divmod('a', 'j', 'row', 'k')}
  const i = Math.floor(indices[j] + 0.5);
  if (i < 0 || i >= n) { return 0; }
  return x[(a * n + i) * inner + e];
}`);

export const gatherKernel: KernelConfig<'Gather'> = {
  kernelName: 'Gather',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [x, indices], attrs: { axis }, backend }) => {
    const gpu = backend as GpuBackend;
    const n = x.shape[axis];
    const idx = hostIndices(gpu, indices);
    if (idx) {
      for (let k = 0; k < idx.length; k++) {
        if (idx[k] < 0 || idx[k] >= n) {
          throw new NeuriteError(
            `gather: indices[${k}] = ${idx[k]} is out of range [0, ${n}) for axis ${axis} of x with shape [${x.shape}]`,
          );
        }
      }
    }
    const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const k = indices.shape.reduce((a, b) => a * b, 1);
    const shape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
    return gpu.run(GATHER, [x, indices], [k, inner, n], shape, x.dtype);
  },
};
