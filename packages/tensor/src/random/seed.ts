import { argumentError } from '../util/errors.js';
import { philox4x32, type RandomKey } from './philox.js';

/** Splits an integer seed into the two 32-bit key words. Rejects NaN, infinities and fractions. */
export function seedToKey(op: string, seed: number): [number, number] {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw argumentError(op, 'seed', 'a finite integer', seed);
  }
  const big = BigInt(seed);
  return [Number(BigInt.asUintN(32, big)), Number(BigInt.asUintN(32, big >> 32n))];
}

/**
 * A seed and a call counter, as in Keras 3: every `next()` gives the bits of a new, independent stream,
 * so a seeded layer draws a different mask at every call and the same sequence of masks in every run.
 */
export class SeedGenerator {
  private readonly key: [number, number];
  private counter = 0;

  constructor(readonly seed: number) {
    this.key = seedToKey('SeedGenerator', seed);
  }

  next(): RandomKey {
    const stream: [number, number] = [this.counter >>> 0, Math.floor(this.counter / 2 ** 32) >>> 0];
    this.counter++;
    return { key: this.key, stream };
  }

  /** How many streams were drawn: saved with a model so training can resume the same sequence. */
  get state(): number {
    return this.counter;
  }

  set state(value: number) {
    if (!Number.isSafeInteger(value) || value < 0) throw argumentError('SeedGenerator', 'state', 'a non-negative integer', value);
    this.counter = value;
  }
}

/** The global generator that unseeded random ops draw their keys from; `setSeed` makes it reproducible. */
let globalKey: [number, number] = freshKey();
let globalCounter = 0;

function freshKey(): [number, number] {
  const words = new Uint32Array(2);
  globalThis.crypto.getRandomValues(words);
  return [words[0], words[1]];
}

/** Makes every later unseeded random op reproducible. */
export function setSeed(seed: number): void {
  globalKey = seedToKey('setSeed', seed);
  globalCounter = 0;
}

/** Draws a new key from the global generator. */
function drawGlobalKey(): RandomKey {
  const out = new Uint32Array(4);
  philox4x32(globalCounter >>> 0, Math.floor(globalCounter / 2 ** 32) >>> 0, 0x6e657572, 0x69746521, globalKey[0], globalKey[1], out);
  globalCounter++;
  return { key: [out[0], out[1]], stream: [0, 0] };
}

/** What a random op's `seed` option may be: an integer, a `SeedGenerator`, or nothing (global generator). */
export type Seed = number | SeedGenerator | null | undefined;

/** Resolves an op's `seed` option to the key and stream its kernel uses. */
export function resolveSeed(op: string, seed: Seed): RandomKey {
  if (seed == null) return drawGlobalKey();
  if (seed instanceof SeedGenerator) return seed.next();
  return { key: seedToKey(op, seed), stream: [0, 0] };
}
