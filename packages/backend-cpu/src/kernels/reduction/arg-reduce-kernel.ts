import type { ArgReduceKernelName, KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';

/**
 * Builds ArgMax / ArgMin: the int32 index of the best value along one axis; the first one wins a tie,
 * and the first NaN beats every number. The input is viewed as [outer, axis, inner] and each outer
 * block is scanned row by row, so the reads stay contiguous.
 */
export function argReduceKernel(kernelName: ArgReduceKernelName, largest: boolean): KernelConfig<ArgReduceKernelName> {
  return {
    kernelName,
    kernelSet: 'cpu',
    kernelFunc: ({ inputs: [x], attrs: { axis }, backend }) => {
      const cpu = backend as HostArrays;
      const v = cpu.values(x);
      const shape = x.shape;
      const n = shape[axis];
      let inner = 1;
      for (let i = axis + 1; i < shape.length; i++) inner *= shape[i];
      const outer = n === 0 || inner === 0 ? 0 : v.length / (n * inner);
      const outShape = shape.filter((_, i) => i !== axis);
      const out = new Int32Array(outShape.reduce((a, b) => a * b, 1));
      const best = new Float64Array(inner);
      for (let o = 0; o < outer; o++) {
        const base = o * n * inner;
        const outBase = o * inner;
        for (let j = 0; j < inner; j++) best[j] = v[base + j];
        for (let k = 1; k < n; k++) {
          const row = base + k * inner;
          for (let j = 0; j < inner; j++) {
            const value = v[row + j];
            const b = best[j];
            if (b !== b) continue;
            if (largest ? value > b || value !== value : value < b || value !== value) {
              best[j] = value;
              out[outBase + j] = k;
            }
          }
        }
      }
      return cpu.output(out, outShape, 'int32');
    },
  };
}
