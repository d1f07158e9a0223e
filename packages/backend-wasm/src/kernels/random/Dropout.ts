import { sizeFromShape, type KernelConfig } from '@neurite/tensor';
import type { WasmBackend } from '../../backend.js';
import { ELEMENT_WORK } from '../elementwise/cost.js';

/**
 * Fused dropout: Philox, the compare, the scale and the multiply in one pass over x, 32 elements per
 * unit, writing one word of mask bits per unit for the backward pass.
 */
export const dropoutKernel: KernelConfig<'Dropout'> = {
  kernelName: 'Dropout',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [x], attrs: { rate, scale, key, stream }, backend }) => {
    const w = backend as WasmBackend;
    const n = sizeFromShape(x.shape);
    const units = Math.ceil(n / 32);
    const y = w.makeOutput(x.shape, 'float32');
    const bits = w.makeOutput([units], 'int32');
    if (n > 0) {
      const scratch = w.scratch(w.threads * 128);
      // kept where (word >>> 8) / 2^24 >= rate, i.e. word >= ceil(rate * 2^24) * 256 as uint32 (rate < 1 here)
      const threshold = (Math.ceil(Math.fround(rate) * 2 ** 24) * 256) | 0;
      w.parallel('dropout_f32', [y.ptr, bits.ptr, w.ptr(x), n, threshold, scale, stream[0], stream[1], key[0], key[1], scratch], units, n * ELEMENT_WORK);
    }
    return [y.info, bits.info];
  },
};

/** dx = dy * (kept ? scale : 0), reading the mask bits of the forward pass. */
export const dropoutGradKernel: KernelConfig<'DropoutGrad'> = {
  kernelName: 'DropoutGrad',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [dy, bits], attrs: { scale }, backend }) => {
    const w = backend as WasmBackend;
    const n = sizeFromShape(dy.shape);
    const dx = w.makeOutput(dy.shape, 'float32');
    if (n > 0) w.parallel('dropout_grad_f32', [dx.ptr, w.ptr(dy), w.ptr(bits), n, scale], Math.ceil(n / 32), n * ELEMENT_WORK);
    return dx.info;
  },
};
