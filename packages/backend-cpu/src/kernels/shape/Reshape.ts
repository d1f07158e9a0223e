import type { KernelConfig } from '@neurite/tensor';

/** Shares the input's buffer: the engine reference-counts it. */
export const reshapeKernel: KernelConfig<'Reshape'> = {
  kernelName: 'Reshape',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [x], attrs: { shape } }) => ({ dataId: x.dataId, shape, dtype: x.dtype }),
};
