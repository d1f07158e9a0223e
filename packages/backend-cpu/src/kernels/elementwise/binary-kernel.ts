import { broadcastIndexMapper, broadcastShapes, makeTypedArray, shapesEqual, sizeFromShape, type DType, type KernelConfig } from '@neurite/tensor';
import type { CpuBackend } from '../../backend.js';

/**
 * Builds a broadcasting binary kernel from a scalar function. Inputs arrive with a common dtype; the
 * output keeps it unless `outDType` says otherwise (comparisons give bool).
 */
export function binaryKernel(kernelName: string, fn: (a: number, b: number) => number, outDType?: DType): KernelConfig {
  return {
    kernelName,
    kernelSet: 'cpu',
    kernelFunc: ({ inputs: [a, b], backend }) => {
      const cpu = backend as CpuBackend;
      const shape = broadcastShapes(kernelName, a.shape, b.shape);
      const dtype = outDType ?? a.dtype;
      const av = cpu.values(a);
      const bv = cpu.values(b);
      const size = sizeFromShape(shape);
      const out = makeTypedArray(dtype, size);
      if (shapesEqual(a.shape, b.shape)) {
        for (let i = 0; i < size; i++) out[i] = fn(av[i], bv[i]);
      } else if (b.shape.length === 0 || sizeFromShape(b.shape) === 1) {
        const s = bv[0];
        for (let i = 0; i < size; i++) out[i] = fn(av[i], s);
      } else if (a.shape.length === 0 || sizeFromShape(a.shape) === 1) {
        const s = av[0];
        for (let i = 0; i < size; i++) out[i] = fn(s, bv[i]);
      } else {
        const ia = broadcastIndexMapper(a.shape, shape);
        const ib = broadcastIndexMapper(b.shape, shape);
        for (let i = 0; i < size; i++) out[i] = fn(av[ia(i)], bv[ib(i)]);
      }
      return cpu.output(out, shape, dtype);
    },
  };
}
