import { NeuriteError, type KernelConfig } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { divmod, program } from '../../program.js';
import { hostIndices } from './indices.js';

/**
 * Output element (s, e) of [numSegments, inner] adds x[i * inner + e] over the rows i whose id is s, in
 * row order (as the CPU backend adds them). A row whose id is outside [0, numSegments) (only possible
 * when the ids were not checked on the host) is dropped.
 */
const SEGMENT_SUM = program('UnsortedSegmentSum', `function (x, ids, rows, inner) {
  ${divmod('s', 'e', 'this.thread.x', 'inner')}
  let total = 0;
  for (let i = 0; i < rows; i++) {
    if (Math.floor(ids[i] + 0.5) == s) {
      total = total + x[i * inner + e];
    }
  }
  return total;
}`);

export const unsortedSegmentSumKernel: KernelConfig<'UnsortedSegmentSum'> = {
  kernelName: 'UnsortedSegmentSum',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [x, segmentIds], attrs: { numSegments }, backend }) => {
    const gpu = backend as GpuBackend;
    const ids = hostIndices(gpu, segmentIds);
    if (ids) {
      for (let i = 0; i < ids.length; i++) {
        if (ids[i] < 0 || ids[i] >= numSegments) {
          throw new NeuriteError(`unsortedSegmentSum: segmentIds[${i}] = ${ids[i]} is out of range [0, ${numSegments})`);
        }
      }
    }
    const rows = x.shape[0];
    const inner = x.shape.slice(1).reduce((a, b) => a * b, 1);
    const shape = [numSegments, ...x.shape.slice(1)];
    return gpu.run(SEGMENT_SUM, [x, segmentIds], [rows, inner], shape, x.dtype);
  },
};
