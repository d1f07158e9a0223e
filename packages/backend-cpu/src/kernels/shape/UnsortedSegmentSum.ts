import { NeuriteError, makeTypedArray, type KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';

/** Adds row i of x (a run of `inner` elements) into row segmentIds[i] of the output. */
export const unsortedSegmentSumKernel: KernelConfig<'UnsortedSegmentSum'> = {
  kernelName: 'UnsortedSegmentSum',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x, segmentIds], attrs: { numSegments }, backend }) => {
    const cpu = backend as HostArrays;
    const v = cpu.values(x);
    const ids = cpu.values<Int32Array>(segmentIds);
    const inner = x.shape.slice(1).reduce((a, b) => a * b, 1);
    const outShape = [numSegments, ...x.shape.slice(1)];
    const out = makeTypedArray(x.dtype, numSegments * inner);
    for (let i = 0; i < ids.length; i++) {
      const s = ids[i];
      if (s < 0 || s >= numSegments) {
        throw new NeuriteError(`unsortedSegmentSum: segmentIds[${i}] = ${s} is out of range [0, ${numSegments})`);
      }
      const dst = s * inner;
      const src = i * inner;
      for (let j = 0; j < inner; j++) out[dst + j] += v[src + j];
    }
    return cpu.output(out, outShape, x.dtype);
  },
};
