import { makeTypedArray, sizeFromShape, type KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';
import { copyWindow } from './strided-copy.js';

export const padKernel: KernelConfig<'Pad'> = {
  kernelName: 'Pad',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x], attrs: { paddings, constantValue }, backend }) => {
    const cpu = backend as HostArrays;
    const shape = x.shape.map((d, i) => paddings[i][0] + d + paddings[i][1]);
    const out = makeTypedArray(x.dtype, sizeFromShape(shape));
    if (constantValue !== 0) out.fill(constantValue);
    const begin = paddings.map((p) => p[0]);
    copyWindow('scatter', out, shape, begin, begin.map(() => 1), x.shape, cpu.values(x));
    return cpu.output(out, shape, x.dtype);
  },
};
