import { makeTypedArray, type UnaryKernelName, type DType, type KernelConfig, type TypedArray } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';

/**
 * The loop of a unary kernel: out[i] = f(x[i]) for every i (both have x.length elements). Each kernel
 * writes its own loop, so the arithmetic is inlined rather than called per element.
 */
export type UnaryLoop = (out: TypedArray, x: TypedArray) => void;

/**
 * Builds a unary kernel. The op has already chosen the input dtype (float kernels receive float32); the
 * output keeps it unless `outDType` is given.
 */
export function unaryKernel(kernelName: UnaryKernelName, loop: UnaryLoop, outDType?: DType): KernelConfig<UnaryKernelName> {
  return {
    kernelName,
    kernelSet: 'cpu',
    kernelFunc: ({ inputs: [x], backend }) => {
      const cpu = backend as HostArrays;
      const dtype = outDType ?? x.dtype;
      const values = cpu.values(x);
      const out = makeTypedArray(dtype, values.length);
      loop(out, values);
      return cpu.output(out, x.shape, dtype);
    },
  };
}
