import type { KernelConfig } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { runStrided, stridesOf } from './strided.js';

/**
 * Output axis i, of size reps[i] * d[i], is viewed as two axes [reps[i], d[i]]: the copy index (stride 0)
 * and the position in x. Merging then leaves few axes (tiling a row, tiling whole blocks).
 */
export const tileKernel: KernelConfig<'Tile'> = {
  kernelName: 'Tile',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [x], attrs: { reps }, backend }) => {
    const inStrides = stridesOf(x.shape);
    const dims = x.shape.flatMap((d, i) => [reps[i], d]);
    const strides = inStrides.flatMap((s) => [0, s]);
    const shape = x.shape.map((d, i) => d * reps[i]);
    return runStrided(backend as GpuBackend, x, { dims, strides, offset: 0 }, shape);
  },
};
