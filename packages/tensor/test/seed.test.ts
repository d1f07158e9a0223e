import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SeedGenerator, resolveSeed, seedToKey, setSeed } from '../src/random/seed.js';

describe('seedToKey', () => {
  it('splits a seed into its low and high 32-bit words', () => {
    expect(seedToKey('op', 0)).toEqual([0, 0]);
    expect(seedToKey('op', 42)).toEqual([42, 0]);
    expect(seedToKey('op', 2 ** 32 + 5)).toEqual([5, 1]);
    expect(seedToKey('op', Number.MAX_SAFE_INTEGER)).toEqual([0xffffffff, 0x1fffff]);
    // negative seeds are two's complement, so -1 and 2^64 - 1 would share a key (2^64 - 1 is not safe anyway)
    expect(seedToKey('op', -1)).toEqual([0xffffffff, 0xffffffff]);
  });

  it('is one-to-one on safe integers', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.maxSafeInteger(), (a, b) => {
        fc.pre(a !== b);
        expect(seedToKey('op', a)).not.toEqual(seedToKey('op', b));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects NaN, infinities, fractions, unsafe integers and non-numbers, naming the op and seed', () => {
    expect(() => seedToKey('randomUniform', NaN)).toThrow('randomUniform: seed must be a finite integer. Received: seed=NaN');
    expect(() => seedToKey('dropout', Infinity)).toThrow('dropout: seed must be a finite integer. Received: seed=Infinity');
    expect(() => seedToKey('op', -Infinity)).toThrow(/Received: seed=-Infinity/);
    expect(() => seedToKey('op', 1.5)).toThrow('op: seed must be a finite integer. Received: seed=1.5');
    expect(() => seedToKey('op', 2 ** 53)).toThrow(/Received: seed=9007199254740992/);
    expect(() => seedToKey('op', '7' as never)).toThrow(/Received: seed='7'/);
  });
});

describe('SeedGenerator', () => {
  it('gives a new stream at every call under the seed key', () => {
    const g = new SeedGenerator(7);
    const streams = Array.from({ length: 5 }, () => g.next());
    for (const s of streams) expect(s.key).toEqual([7, 0]);
    expect(streams.map((s) => s.stream)).toEqual([[0, 0], [1, 0], [2, 0], [3, 0], [4, 0]]);
    expect(g.state).toBe(5);
  });

  it('repeats the same sequence for a new generator with the same seed', () => {
    const a = new SeedGenerator(123);
    const b = new SeedGenerator(123);
    for (let i = 0; i < 4; i++) expect(b.next()).toEqual(a.next());
    const c = new SeedGenerator(124);
    expect(c.next().key).not.toEqual(new SeedGenerator(123).next().key);
  });

  it('resumes from a saved state, carrying into the high stream word', () => {
    const g = new SeedGenerator(1);
    g.state = 2 ** 32 + 3;
    expect(g.next().stream).toEqual([3, 1]);
    expect(g.state).toBe(2 ** 32 + 4);
  });

  it('rejects a bad seed or state', () => {
    expect(() => new SeedGenerator(0.5)).toThrow('SeedGenerator: seed must be a finite integer. Received: seed=0.5');
    expect(() => new SeedGenerator(NaN)).toThrow(/Received: seed=NaN/);
    const g = new SeedGenerator(1);
    expect(() => (g.state = -1)).toThrow('SeedGenerator: state must be a non-negative integer. Received: state=-1');
    expect(() => (g.state = 1.5)).toThrow(/Received: state=1.5/);
  });
});

describe('resolveSeed and setSeed', () => {
  it('uses an integer seed as the key of stream 0', () => {
    expect(resolveSeed('op', 9)).toEqual({ key: [9, 0], stream: [0, 0] });
    expect(() => resolveSeed('randomNormal', 2.5)).toThrow('randomNormal: seed must be a finite integer. Received: seed=2.5');
  });

  it('advances a SeedGenerator', () => {
    const g = new SeedGenerator(3);
    expect(resolveSeed('op', g).stream).toEqual([0, 0]);
    expect(resolveSeed('op', g).stream).toEqual([1, 0]);
  });

  it('draws a fresh key per unseeded call, and setSeed makes the sequence repeat', () => {
    setSeed(2024);
    const first = [resolveSeed('op', undefined), resolveSeed('op', null), resolveSeed('op', undefined)];
    expect(new Set(first.map((k) => k.key.join(','))).size).toBe(3);
    setSeed(2024);
    const again = [resolveSeed('op', undefined), resolveSeed('op', undefined), resolveSeed('op', undefined)];
    expect(again).toEqual(first);
    setSeed(2025);
    expect(resolveSeed('op', undefined)).not.toEqual(first[0]);
    // unseeded keys do not collide with the key of the same integer seed
    setSeed(2024);
    expect(resolveSeed('op', undefined).key).not.toEqual(seedToKey('op', 2024));
  });

  it('rejects a bad global seed', () => {
    expect(() => setSeed(Infinity)).toThrow('setSeed: seed must be a finite integer. Received: seed=Infinity');
  });
});
