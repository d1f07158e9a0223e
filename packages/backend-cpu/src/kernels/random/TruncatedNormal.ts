import {
  NeuriteError, normalFromWords, philox4x32, randomWords, sizeFromShape, type KernelConfig, type TruncatedNormalAttrs,
} from '@neurite/tensor';
import type { CpuBackend } from '../../backend.js';

/** Each attempt keeps a draw with probability 0.954; this many attempts failing is not a thing that happens. */
const MAX_ATTEMPTS = 1000;

/**
 * Element i: the first attempt a whose z = normalFromWords(words 2i, 2i+1 of substream a) has |z| <= 2
 * (see `truncatedNormal`). Attempt 0 is computed for every element at once; the few rejected elements
 * then compute their own Philox block (block floor(i / 2), words 0-1 or 2-3) per further attempt.
 */
export const truncatedNormalKernel: KernelConfig<TruncatedNormalAttrs> = {
  kernelName: 'TruncatedNormal',
  kernelSet: 'cpu',
  kernelFunc: ({ attrs: { shape, mean, stddev, key, stream }, backend }) => {
    const cpu = backend as CpuBackend;
    const size = sizeFromShape(shape);
    const words = randomWords({ key, stream }, 2 * size);
    const out = new Float32Array(size);
    let pending: number[] = [];
    for (let i = 0; i < size; i++) {
      const z = normalFromWords(words[2 * i], words[2 * i + 1]);
      if (Math.abs(z) <= 2) out[i] = mean + stddev * z;
      else pending.push(i);
    }
    const block = new Uint32Array(4);
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt >= MAX_ATTEMPTS) throw new NeuriteError(`TruncatedNormal: no draw within 2 stddev after ${MAX_ATTEMPTS} attempts`);
      const next: number[] = [];
      for (const i of pending) {
        philox4x32(Math.floor(i / 2), attempt, stream[0], stream[1], key[0], key[1], block);
        const w = (i & 1) * 2;
        const z = normalFromWords(block[w], block[w + 1]);
        if (Math.abs(z) <= 2) out[i] = mean + stddev * z;
        else next.push(i);
      }
      pending = next;
    }
    return cpu.output(out, shape, 'float32');
  },
};
