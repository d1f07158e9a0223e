import { float32Below, sizeFromShape, type KernelConfig } from '@neurite/tensor';
import type { WasmBackend } from '../../backend.js';
import { ELEMENT_WORK } from '../elementwise/cost.js';
import { hostKernel } from '../host.js';

/**
 * Philox inside WebAssembly, 32 elements per unit: the same bits as the tensor core's
 * randomUniformValues (element i from word i). int32 draws run the CPU's kernel.
 */
export const randomUniformKernel: KernelConfig<'RandomUniform'> = {
  kernelName: 'RandomUniform',
  kernelSet: 'wasm',
  kernelFunc: (args) => {
    const { shape, dtype, min, max, key, stream } = args.attrs;
    if (dtype !== 'float32') return hostKernel('RandomUniform')(args);
    const w = args.backend as WasmBackend;
    const out = w.makeOutput(shape, 'float32');
    const n = sizeFromShape(shape);
    if (n === 0) return out.info;
    const top = Math.fround(max);
    const scratch = w.scratch(w.threads * 256);
    w.parallel(
      'random_uniform_f32',
      [out.ptr, n, min, max - min, top, float32Below(top), stream[0], stream[1], key[0], key[1], scratch],
      Math.ceil(n / 32), n * ELEMENT_WORK,
    );
    return out.info;
  },
};
