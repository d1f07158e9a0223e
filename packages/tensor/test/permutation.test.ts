import '@neurite/backend-cpu';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeedGenerator, randomPermutation, randomWords, resolveSeed, setSeed } from '../src/index.js';

const isPermutation = (order: Int32Array, n: number) => order.length === n && [...order].sort((a, b) => a - b).every((v, i) => v === i);

describe('randomPermutation', () => {
  it('is a permutation of 0..n-1 for any n and seed, the same for the same integer seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer(), (n, seed) => {
        const a = randomPermutation(n, seed);
        expect(isPermutation(a, n)).toBe(true);
        expect(randomPermutation(n, seed)).toEqual(a);
      }),
    );
  });

  it('is Fisher-Yates on the Philox words of the seed: swap i takes word i mod (i + 1)', () => {
    const n = 50;
    const words = randomWords(resolveSeed('test', 7), n);
    const expected = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = words[i] % (i + 1);
      [expected[i], expected[j]] = [expected[j], expected[i]];
    }
    expect(randomPermutation(n, 7)).toEqual(expected);
  });

  it('a SeedGenerator gives a new order per call and the same sequence of orders for the same seed', () => {
    const g1 = new SeedGenerator(3);
    const g2 = new SeedGenerator(3);
    const first = randomPermutation(100, g1);
    const second = randomPermutation(100, g1);
    expect(second).not.toEqual(first);
    expect(randomPermutation(100, g2)).toEqual(first);
    expect(randomPermutation(100, g2)).toEqual(second);
  });

  it('without a seed it draws from the global generator, which setSeed makes reproducible', () => {
    setSeed(11);
    const a = [randomPermutation(64), randomPermutation(64)];
    setSeed(11);
    expect([randomPermutation(64), randomPermutation(64)]).toEqual(a);
    expect(a[1]).not.toEqual(a[0]);
  });

  it('is roughly uniform: each of the 6 orders of 3 items comes up about equally often', () => {
    const counts = new Map<string, number>();
    const g = new SeedGenerator(5);
    for (let i = 0; i < 6000; i++) {
      const key = randomPermutation(3, g).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(150); // > 4 standard deviations
  });

  it('refuses a length that is not a non-negative integer, naming it', () => {
    expect(() => randomPermutation(-1)).toThrow('randomPermutation: n must be an integer in [0, 2147483647]. Received: n=-1');
    expect(() => randomPermutation(2.5)).toThrow('Received: n=2.5');
    expect(() => randomPermutation(4, Number.NaN)).toThrow(/seed/);
  });
});
