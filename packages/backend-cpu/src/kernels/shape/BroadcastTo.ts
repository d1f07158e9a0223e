import { makeTypedArray, sizeFromShape, type KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';
import { tileInto } from './tile-copy.js';

/** The op pads x to the output's rank, so broadcasting is tiling the size-1 axes. */
export const broadcastToKernel: KernelConfig<'BroadcastTo'> = {
  kernelName: 'BroadcastTo',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x], attrs: { shape }, backend }) => {
    const cpu = backend as HostArrays;
    const out = makeTypedArray(x.dtype, sizeFromShape(shape));
    tileInto(cpu.values(x), x.shape, shape, out);
    return cpu.output(out, shape, x.dtype);
  },
};
