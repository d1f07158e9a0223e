import type { KernelConfig } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { runStrided, stridesOf } from './strided.js';

/** The op pads x to the output's rank: its size-1 axes are read with stride 0. */
export const broadcastToKernel: KernelConfig<'BroadcastTo'> = {
  kernelName: 'BroadcastTo',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [x], attrs: { shape }, backend }) => {
    const inStrides = stridesOf(x.shape);
    const view = { dims: [...shape], strides: x.shape.map((d, i) => (d === 1 ? 0 : inStrides[i])), offset: 0 };
    return runStrided(backend as GpuBackend, x, view, [...shape]);
  },
};
