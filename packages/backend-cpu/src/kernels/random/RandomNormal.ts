import { normalFromWords, randomWords, sizeFromShape, type KernelConfig, type RandomNormalAttrs } from '@neurite/tensor';
import type { CpuBackend } from '../../backend.js';

/** Element i from words 2i and 2i+1: mean + stddev * normalFromWords(...) (see `randomNormal`). */
export const randomNormalKernel: KernelConfig<RandomNormalAttrs> = {
  kernelName: 'RandomNormal',
  kernelSet: 'cpu',
  kernelFunc: ({ attrs: { shape, mean, stddev, key, stream }, backend }) => {
    const cpu = backend as CpuBackend;
    const size = sizeFromShape(shape);
    const words = randomWords({ key, stream }, 2 * size);
    const out = new Float32Array(size);
    for (let i = 0; i < size; i++) out[i] = mean + stddev * normalFromWords(words[2 * i], words[2 * i + 1]);
    return cpu.output(out, shape, 'float32');
  },
};
