import { makeTypedArray, sizeFromShape, type KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';
import { tileInto } from './tile-copy.js';

export const tileKernel: KernelConfig<'Tile'> = {
  kernelName: 'Tile',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x], attrs: { reps }, backend }) => {
    const cpu = backend as HostArrays;
    const shape = x.shape.map((d, i) => d * reps[i]);
    const out = makeTypedArray(x.dtype, sizeFromShape(shape));
    tileInto(cpu.values(x), x.shape, shape, out);
    return cpu.output(out, shape, x.dtype);
  },
};
