import type { KernelConfig } from '@neurite/tensor';

/** Shares the input's buffer under the new shape: nothing runs on the device. */
export const reshapeKernel: KernelConfig<'Reshape'> = {
  kernelName: 'Reshape',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [x], attrs: { shape } }) => ({ dataId: x.dataId, shape, dtype: x.dtype }),
};
