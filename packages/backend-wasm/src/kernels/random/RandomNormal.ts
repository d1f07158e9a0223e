import { normalFromWords, sizeFromShape, type KernelConfig } from '@neurite/tensor';
import type { WasmBackend } from '../../backend.js';
import { ELEMENT_WORK } from '../elementwise/cost.js';

/**
 * Element i = mean + stddev * normalFromWords(word 2i, word 2i + 1): the words come from Philox inside
 * WebAssembly, the Box-Muller transform from the host's Math.log and Math.cos (WebAssembly has neither),
 * so the values have the same bits as the tensor core's randomNormalValues.
 */
export const randomNormalKernel: KernelConfig<'RandomNormal'> = {
  kernelName: 'RandomNormal',
  kernelSet: 'wasm',
  kernelFunc: ({ attrs: { shape, mean, stddev, key, stream }, backend }) => {
    const w = backend as WasmBackend;
    const n = sizeFromShape(shape);
    const out = w.makeOutput(shape, 'float32');
    if (n === 0) return out.info;
    const units = Math.ceil((2 * n) / 32);
    const words = w.scratch(units * 128);
    w.parallel('random_words', [words, 0, stream[0], stream[1], key[0], key[1]], units, 2 * n * ELEMENT_WORK);
    const u = w.view(words, 2 * n, 'int32') as Int32Array;
    const y = w.view(out.ptr, n, 'float32') as Float32Array;
    for (let i = 0; i < n; i++) y[i] = mean + stddev * normalFromWords(u[2 * i] >>> 0, u[2 * i + 1] >>> 0);
    return out.info;
  },
};
