import { broadcastIndexMapper, makeTypedArray, sizeFromShape, type BroadcastToAttrs, type KernelConfig } from '@neurite/tensor';
import type { CpuBackend } from '../../backend.js';

export const broadcastToKernel: KernelConfig<BroadcastToAttrs> = {
  kernelName: 'BroadcastTo',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x], attrs: { shape }, backend }) => {
    const cpu = backend as CpuBackend;
    const values = cpu.values(x);
    const size = sizeFromShape(shape);
    const out = makeTypedArray(x.dtype, size);
    const map = broadcastIndexMapper(x.shape, shape);
    for (let i = 0; i < size; i++) out[i] = values[map(i)];
    return cpu.output(out, shape, x.dtype);
  },
};
