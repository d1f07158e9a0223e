import { NeuriteError } from '../util/errors.js';
import { sizeFromShape } from '../util/shape.js';
import type { RandomNormalAttrs, RandomUniformAttrs, TruncatedNormalAttrs } from '../kernel-names.js';
import { normalFromWords, philox4x32, randomWords } from './philox.js';

/*
 * The values of the random kernels, computed on the host from Philox words. Backends whose kernels
 * cannot compute 32-bit integer arithmetic exactly (GL and WebGPU shaders in gpu.js work in float32)
 * upload these, so every backend makes the same bits for the same key and stream.
 */

const TWO_POW_24 = 16777216;

/** The largest float32 below a float32 value (values that round up to `max` are moved here). */
export function float32Below(v: number): number {
  const f = new Float32Array([v]);
  const bits = new Int32Array(f.buffer);
  if (v > 0) bits[0] -= 1;
  else if (v < 0) bits[0] += 1;
  else return -(2 ** -149);
  return f[0];
}

/** Element i from word i: min + u * (max - min) with u = (word >>> 8) / 2^24, in [min, max). */
export function randomUniformValues({ shape, dtype, min, max, key, stream }: RandomUniformAttrs): Float32Array | Int32Array {
  const size = sizeFromShape(shape);
  const words = randomWords({ key, stream }, size);
  const range = max - min;
  if (dtype === 'int32') {
    const out = new Int32Array(size);
    for (let i = 0; i < size; i++) out[i] = Math.floor(min + ((words[i] >>> 8) / TWO_POW_24) * range);
    return out;
  }
  const out = new Float32Array(size);
  // float32 rounding may reach max: such values become the float32 just below it (half-open interval)
  const top = Math.fround(max);
  const below = float32Below(top);
  for (let i = 0; i < size; i++) {
    const v = Math.fround(min + ((words[i] >>> 8) / TWO_POW_24) * range);
    out[i] = v < top ? v : below;
  }
  return out;
}

/** Element i from words 2i and 2i+1: mean + stddev * normalFromWords(...). */
export function randomNormalValues({ shape, mean, stddev, key, stream }: RandomNormalAttrs): Float32Array {
  const size = sizeFromShape(shape);
  const words = randomWords({ key, stream }, 2 * size);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = mean + stddev * normalFromWords(words[2 * i], words[2 * i + 1]);
  return out;
}

/** Each attempt keeps a draw with probability 0.954; this many attempts failing is not a thing that happens. */
const MAX_ATTEMPTS = 1000;

/**
 * Element i: the first attempt a whose z = normalFromWords(words 2i, 2i+1 of substream a) has |z| <= 2.
 * Attempt 0 is computed for every element at once; the few rejected elements then compute their own
 * Philox block (block floor(i / 2), words 0-1 or 2-3) per further attempt.
 */
export function truncatedNormalValues({ shape, mean, stddev, key, stream }: TruncatedNormalAttrs): Float32Array {
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
  return out;
}
