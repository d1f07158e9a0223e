import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mulHi32, normalFromWords, philox4x32, randomWords, uniformFromWord } from '../src/random/philox.js';

const hex = (words: ArrayLike<number>) => Array.from(words, (w) => w.toString(16).padStart(8, '0')).join(' ');

function philox(counter: number[], key: number[]): string {
  const out = new Uint32Array(4);
  philox4x32(counter[0], counter[1], counter[2], counter[3], key[0], key[1], out);
  return hex(out);
}

describe('philox4x32', () => {
  // Known-answer vectors published with Random123 (kat_vectors, philox4x32 with 10 rounds).
  it('matches the Random123 known-answer vectors', () => {
    expect(philox([0, 0, 0, 0], [0, 0])).toBe('6627e8d5 e169c58d bc57ac4c 9b00dbd8');
    const ones = 0xffffffff;
    expect(philox([ones, ones, ones, ones], [ones, ones])).toBe('408f276d 41c83b0e a20bc7c6 6d5451fd');
    expect(philox([0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], [0xa4093822, 0x299f31d0])).toBe(
      'd16cfe09 94fdcceb 5001e420 24126ea1',
    );
  });

  it('reads signed 32-bit words as unsigned', () => {
    expect(philox([-1, -1, -1, -1], [-1, -1])).toBe('408f276d 41c83b0e a20bc7c6 6d5451fd');
    expect(philox([0x243f6a88, 0x85a308d3 | 0, 0x13198a2e, 0x03707344], [0xa4093822 | 0, 0x299f31d0])).toBe(
      'd16cfe09 94fdcceb 5001e420 24126ea1',
    );
  });

  it('writes at the given offset and leaves the rest of the buffer alone', () => {
    const out = new Uint32Array(6).fill(7);
    philox4x32(0, 0, 0, 0, 0, 0, out, 1);
    expect(out[0]).toBe(7);
    expect(out[5]).toBe(7);
    expect(hex(out.subarray(1, 5))).toBe('6627e8d5 e169c58d bc57ac4c 9b00dbd8');
  });
});

describe('mulHi32', () => {
  const u32 = fc.integer({ min: 0, max: 0xffffffff });

  it('is the high word of the exact 64-bit product', () => {
    fc.assert(
      fc.property(u32, u32, (a, b) => {
        const expected = Number((BigInt(a) * BigInt(b)) >> 32n);
        expect(mulHi32(a, b)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads signed inputs as unsigned', () => {
    expect(mulHi32(-1, -1)).toBe(0xfffffffe);
    expect(mulHi32(-2, 3)).toBe(2);
  });

  it('is exact at the edges', () => {
    const edges = [0, 1, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 0xd2511f53, 0xcd9e8d57];
    for (const a of edges) {
      for (const b of edges) expect(mulHi32(a, b), `${a} * ${b}`).toBe(Number((BigInt(a) * BigInt(b)) >> 32n));
    }
  });
});

describe('randomWords', () => {
  it('lays out word i as word i % 4 of block floor(i / 4) at (substream, stream)', () => {
    const rk = { key: [0x12345678, 0x9abcdef0] as const, stream: [5, 6] as const };
    const words = randomWords(rk, 10, 3);
    expect(words.length).toBe(10);
    const block = new Uint32Array(4);
    for (let i = 0; i < 10; i++) {
      philox4x32(Math.floor(i / 4), 3, 5, 6, 0x12345678, 0x9abcdef0, block);
      expect(words[i], `word ${i}`).toBe(block[i % 4]);
    }
  });

  it('gives nothing for a count of zero and a prefix for a shorter count', () => {
    const rk = { key: [1, 2] as const, stream: [0, 0] as const };
    expect(randomWords(rk, 0).length).toBe(0);
    expect(Array.from(randomWords(rk, 3))).toEqual(Array.from(randomWords(rk, 8).subarray(0, 3)));
  });

  it('differs between substreams, streams and keys', () => {
    const base = { key: [1, 2] as const, stream: [0, 0] as const };
    const a = hex(randomWords(base, 4));
    expect(hex(randomWords(base, 4, 1))).not.toBe(a);
    expect(hex(randomWords({ ...base, stream: [1, 0] }, 4))).not.toBe(a);
    expect(hex(randomWords({ ...base, key: [1, 3] }, 4))).not.toBe(a);
  });
});

describe('uniformFromWord and normalFromWords', () => {
  it('maps words to [0, 1) with 24 bits, exactly representable in float32', () => {
    expect(uniformFromWord(0)).toBe(0);
    expect(uniformFromWord(0xffffffff)).toBe(1 - 2 ** -24);
    expect(uniformFromWord(0x80000000)).toBe(0.5);
    expect(uniformFromWord(0x000000ff)).toBe(0); // the low 8 bits are dropped
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (w) => {
        const u = uniformFromWord(w);
        expect(u >= 0 && u < 1).toBe(true);
        expect(Math.fround(u)).toBe(u);
      }),
      { numRuns: 500 },
    );
  });

  it('computes Box-Muller with the first word in (0, 1] so the result is finite', () => {
    // u1 = (0 + 1) / 2^24, u2 = 0: sqrt(-2 ln u1) * cos(0)
    expect(normalFromWords(0, 0)).toBeCloseTo(Math.sqrt(-2 * Math.log(2 ** -24)), 12);
    // u1 = 1 gives 0 whatever u2 is
    expect(Math.abs(normalFromWords(0xffffffff, 0x12345678))).toBe(0);
    // u2 = 0.5: cos(pi) = -1
    expect(normalFromWords(0x7fffffff, 0x80000000)).toBeCloseTo(-Math.sqrt(-2 * Math.log(0.5)), 12);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), (a, b) => {
        expect(Number.isFinite(normalFromWords(a, b))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
