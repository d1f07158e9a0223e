import { makeTypedArray, sizeFromShape, type KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';
import { copyWindow } from './strided-copy.js';

/** Each input is written into its window of the output (long contiguous runs when axis is leading). */
export const concatKernel: KernelConfig<'Concat'> = {
  kernelName: 'Concat',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs, attrs: { axis }, backend }) => {
    const cpu = backend as HostArrays;
    const shape = [...inputs[0].shape];
    shape[axis] = inputs.reduce((n, t) => n + t.shape[axis], 0);
    const out = makeTypedArray(inputs[0].dtype, sizeFromShape(shape));
    const begin = shape.map(() => 0);
    const ones = shape.map(() => 1);
    for (const t of inputs) {
      copyWindow('scatter', out, shape, begin, ones, t.shape, cpu.values(t));
      begin[axis] += t.shape[axis];
    }
    return cpu.output(out, shape, inputs[0].dtype);
  },
};
