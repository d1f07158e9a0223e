/**
 * Philox 4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011): a counter-based
 * generator. The output is a pure function of (counter, key), so any element of a random tensor can be
 * computed on its own, in any order, on any backend, with the same bits.
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/**
 * The high 32 bits of a * (bHi * 2^16 + bLo) for a 32-bit word `a` (unsigned, or its int32 bit pattern)
 * and the 16-bit halves of b, as an int32 bit pattern. Each partial product of 16-bit halves fits 32 bits
 * (Math.imul), so the engine stays in integer arithmetic: about 1.6x faster than float products here.
 */
function mulHiSplit(a: number, bHi: number, bLo: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const loLo = Math.imul(aLo, bLo) >>> 0;
  const loHi = Math.imul(aLo, bHi) >>> 0;
  const hiLo = Math.imul(aHi, bLo) >>> 0;
  const carry = ((loLo >>> 16) + (loHi & 0xffff) + (hiLo & 0xffff)) >>> 16;
  return (Math.imul(aHi, bHi) + (loHi >>> 16) + (hiLo >>> 16) + carry) | 0;
}

/** The high 32 bits of the 64-bit product of two unsigned 32-bit integers. */
export function mulHi32(a: number, b: number): number {
  return mulHiSplit(a, b >>> 16, b & 0xffff) >>> 0;
}

const M0_HI = M0 >>> 16;
const M0_LO = M0 & 0xffff;
const M1_HI = M1 >>> 16;
const M1_LO = M1 & 0xffff;

/**
 * Ten Philox rounds over the 128-bit counter (c0..c3) with the 64-bit key (k0, k1). Writes four 32-bit
 * words to `out` at `offset`. Words are held as int32 bit patterns inside (the Uint32Array store gives
 * them back unsigned); the key is bumped after every round, the last bump unused.
 */
export function philox4x32(
  c0: number, c1: number, c2: number, c3: number,
  k0: number, k1: number,
  out: Uint32Array, offset = 0,
): void {
  c0 |= 0;
  c1 |= 0;
  c2 |= 0;
  c3 |= 0;
  k0 |= 0;
  k1 |= 0;
  for (let round = 0; round < 10; round++) {
    const hi0 = mulHiSplit(c0, M0_HI, M0_LO);
    const lo0 = Math.imul(M0, c0);
    const hi1 = mulHiSplit(c2, M1_HI, M1_LO);
    const lo1 = Math.imul(M1, c2);
    c0 = hi1 ^ c1 ^ k0;
    c1 = lo1;
    c2 = hi0 ^ c3 ^ k1;
    c3 = lo0;
    k0 = (k0 + W0) | 0;
    k1 = (k1 + W1) | 0;
  }
  out[offset] = c0;
  out[offset + 1] = c1;
  out[offset + 2] = c2;
  out[offset + 3] = c3;
}

/**
 * Where a random op's bits come from: `key` is the seed (two 32-bit words) and `stream` picks an
 * independent stream under that key (a seed generator's call counter). Word `i` of the stream is word
 * `i % 4` of `philox4x32(floor(i / 4), substream, stream[0], stream[1]; key)`.
 */
export interface RandomKey {
  key: readonly [number, number];
  stream: readonly [number, number];
}

/** `count` words of a stream; `substream` separates redraws (truncated normal) from first draws. */
export function randomWords(rk: RandomKey, count: number, substream = 0): Uint32Array {
  const blocks = Math.ceil(count / 4);
  const out = new Uint32Array(blocks * 4);
  const [k0, k1] = rk.key;
  const [s0, s1] = rk.stream;
  for (let b = 0; b < blocks; b++) philox4x32(b, substream, s0, s1, k0, k1, out, b * 4);
  return count === out.length ? out : out.subarray(0, count);
}

const TWO_POW_24 = 16777216;

/** A float32-exact uniform in [0, 1) from the top 24 bits of a word. */
export function uniformFromWord(word: number): number {
  return (word >>> 8) / TWO_POW_24;
}

/** A standard normal by Box-Muller from two words (the first mapped to (0, 1] so the log is finite). */
export function normalFromWords(w1: number, w2: number): number {
  const u1 = ((w1 >>> 8) + 1) / TWO_POW_24;
  const u2 = (w2 >>> 8) / TWO_POW_24;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
