import type { KernelConfig } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { divmod, program } from '../../program.js';

/** out[i, d] = indices[i] == d ? on : off; an index outside [0, depth) leaves its row all off. */
const ONE_HOT = program('OneHot', `function (indices, depth, on, off) {
  ${divmod('i', 'd', 'this.thread.x', 'depth')}
  return Math.floor(indices[i] + 0.5) == d ? on : off;
}`);

export const oneHotKernel: KernelConfig<'OneHot'> = {
  kernelName: 'OneHot',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [indices], attrs: { depth, onValue, offValue }, backend }) =>
    (backend as GpuBackend).run(ONE_HOT, [indices], [depth, onValue, offValue], [...indices.shape, depth], 'float32'),
};
