import { argumentError } from '../util/errors.js';
import { MAX_TENSOR_SIZE } from '../util/shape.js';
import { randomWords } from './philox.js';
import { resolveSeed, type Seed } from './seed.js';

/**
 * A random permutation of 0..n-1 (Fisher-Yates), computed on the host from the same counter-based
 * generator as every random op: an integer `seed` gives the same order every time, a `SeedGenerator` a
 * new reproducible order per call (as a shuffle per epoch needs), and none draws from the global
 * generator that `setSeed` fixes. Each swap takes one 32-bit word (bias below n / 2^32).
 */
export function randomPermutation(n: number, seed: Seed = null): Int32Array {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_TENSOR_SIZE) {
    throw argumentError('randomPermutation', 'n', `an integer in [0, ${MAX_TENSOR_SIZE}]`, n);
  }
  const key = resolveSeed('randomPermutation', seed);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < 2) return order;
  const words = randomWords(key, n);
  for (let i = n - 1; i > 0; i--) {
    const j = words[i] % (i + 1);
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  return order;
}
