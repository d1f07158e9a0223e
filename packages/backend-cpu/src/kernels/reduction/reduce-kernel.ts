import { computeStrides, makeTypedArray, reducedShape, sizeFromShape, type KernelConfig, type ReduceAttrs } from '@neurite/tensor';
import type { CpuBackend } from '../../backend.js';

/**
 * Builds a reduction kernel: for each output element, folds `step` over the reduced axes starting from
 * `init`. Walks the input once, in memory order.
 */
export function reduceKernel(kernelName: string, init: number, step: (acc: number, v: number) => number): KernelConfig<ReduceAttrs> {
  return {
    kernelName,
    kernelSet: 'cpu',
    kernelFunc: ({ inputs: [x], attrs: { axes }, backend }) => {
      const cpu = backend as CpuBackend;
      const values = cpu.values(x);
      const outShape = reducedShape(x.shape, axes, false);
      const out = makeTypedArray(x.dtype, sizeFromShape(outShape));
      const acc = new Float64Array(out.length).fill(init);
      // stride of each input axis in the output (0 for reduced axes)
      const keptShape = reducedShape(x.shape, axes, true);
      const keptStrides = computeStrides(keptShape).map((s, i) => (axes.includes(i) ? 0 : s));
      const rank = x.shape.length;
      const coord = new Array<number>(rank).fill(0);
      let outIndex = 0;
      for (let i = 0; i < values.length; i++) {
        acc[outIndex] = step(acc[outIndex], values[i]);
        // advance the coordinate odometer and the output index with it
        for (let axis = rank - 1; axis >= 0; axis--) {
          coord[axis]++;
          outIndex += keptStrides[axis];
          if (coord[axis] < x.shape[axis]) break;
          outIndex -= keptStrides[axis] * coord[axis];
          coord[axis] = 0;
        }
      }
      out.set(acc);
      return cpu.output(out, outShape, x.dtype);
    },
  };
}
