import { gather, randomUniformValues, resolveSeed, slice, tensor, tidy, type Tensor } from '@neurite/tensor';

/** Rows [start, end) of a tensor along the batch axis. */
export function sliceRows(t: Tensor, start: number, end: number): Tensor {
  return slice(t, [start, ...t.shape.slice(1).map(() => 0)], [end - start, ...t.shape.slice(1).map(() => -1)]);
}

/** The batch of rows [start, end) of each tensor, in the order `order` gives (identity when null). */
export function takeBatch(tensors: Tensor[], start: number, end: number, order: Int32Array | null): Tensor[] {
  if (!order) return tensors.map((t) => sliceRows(t, start, end));
  return tidy(() => {
    const idx = tensor(order.subarray(start, end), [end - start], 'int32');
    return tensors.map((t) => gather(t, idx));
  });
}

/** A small, fast, seedable generator (mulberry32); enough for shuffling sample order. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seed drawn from the global random generator, so `setSeed` makes unseeded shuffles reproducible.
 * Computed on the host (no tensor to read back, so it works on asynchronous backends), with the bits
 * `randomUniform([2], { min: 0, max: 65536, dtype: 'int32' })` would give.
 */
export function drawSeed(): number {
  const { key, stream } = resolveSeed('randomUniform', null);
  const [a, b] = randomUniformValues({ shape: [2], dtype: 'int32', min: 0, max: 65536, key: [...key], stream: [...stream] });
  return ((a << 16) ^ b) >>> 0;
}

/** A permutation of 0..n-1 (Fisher–Yates) from `seed`. */
export function permutation(n: number, seed: number): Int32Array {
  const random = mulberry32(seed);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
  return out;
}
