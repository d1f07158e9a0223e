import { NeuriteError, makeTypedArray, type KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';

/** x viewed as [outer, n, inner]: each index copies one contiguous run of `inner` elements. */
export const gatherKernel: KernelConfig<'Gather'> = {
  kernelName: 'Gather',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x, indices], attrs: { axis }, backend }) => {
    const cpu = backend as HostArrays;
    const v = cpu.values(x);
    const idx = cpu.values<Int32Array>(indices);
    const n = x.shape[axis];
    for (let k = 0; k < idx.length; k++) {
      if (idx[k] < 0 || idx[k] >= n) {
        throw new NeuriteError(
          `gather: indices[${k}] = ${idx[k]} is out of range [0, ${n}) for axis ${axis} of x with shape [${x.shape}]`,
        );
      }
    }
    const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
    const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const outShape = [...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)];
    const out = makeTypedArray(x.dtype, outer * idx.length * inner);
    let o = 0;
    for (let a = 0; a < outer; a++) {
      const base = a * n * inner;
      for (let k = 0; k < idx.length; k++) {
        const src = base + idx[k] * inner;
        if (inner === 1) out[o] = v[src];
        else if (inner < 32) for (let j = 0; j < inner; j++) out[o + j] = v[src + j];
        else out.set(v.subarray(src, src + inner), o);
        o += inner;
      }
    }
    return cpu.output(out, outShape, x.dtype);
  },
};
