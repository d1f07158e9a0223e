import { NeuriteError, type KernelConfig } from '@neurite/tensor';
import type { WasmBackend } from '../../backend.js';
import { ELEMENT_WORK } from '../elementwise/cost.js';

/** x viewed as [outer, n, inner]: each index copies one contiguous row of `inner` elements. */
export const gatherKernel: KernelConfig<'Gather'> = {
  kernelName: 'Gather',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [x, indices], attrs: { axis }, backend }) => {
    const w = backend as WasmBackend;
    const idx = w.values<Int32Array>(indices);
    const n = x.shape[axis];
    for (let k = 0; k < idx.length; k++) {
      if (idx[k] < 0 || idx[k] >= n) {
        throw new NeuriteError(`gather: indices[${k}] = ${idx[k]} is out of range [0, ${n}) for axis ${axis} of x with shape [${x.shape}]`);
      }
    }
    const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
    const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const count = idx.length;
    const out = w.makeOutput([...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)], x.dtype);
    const rows = outer * count;
    if (rows * inner > 0) {
      w.parallel(x.dtype === 'bool' ? 'gather_1' : 'gather_4', [out.ptr, w.ptr(x), w.ptr(indices), n, count, inner], rows, rows * inner * ELEMENT_WORK);
    }
    return out.info;
  },
};
