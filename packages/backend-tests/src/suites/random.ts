import { describe, expect, it } from 'vitest';
import {
  SeedGenerator, bernoulli, dispose, dropout, grad, memory, philox4x32, randomNormal, randomUniform, setSeed, tensor,
  truncatedNormal,
} from '@neurite/tensor';
import { checkGradients, expectClose, values, type BackendUnderTest } from '../harness.js';

// ---- the reference: element i of each random op, computed here straight from philox4x32 ----------------
// These formulas are the contract every backend must reproduce bit for bit (up to float32 arithmetic).

type Key = [number, number];

/** The key of a non-negative integer seed: its low and high 32-bit words. */
function keyOf(seed: number): Key {
  return [seed % 2 ** 32, Math.floor(seed / 2 ** 32)];
}

/** Word i of (key, stream, substream) is word i % 4 of philox4x32(counter [i / 4, substream, stream]). */
function refWords(key: Key, count: number, stream: Key = [0, 0], substream = 0): number[] {
  const block = new Uint32Array(4);
  const out: number[] = [];
  for (let b = 0; b * 4 < count; b++) {
    philox4x32(b, substream, stream[0], stream[1], key[0], key[1], block);
    for (let j = 0; j < 4 && b * 4 + j < count; j++) out.push(block[j]);
  }
  return out;
}

const unit = (w: number) => Math.floor(w / 256) / 2 ** 24;
const boxMuller = (w1: number, w2: number) =>
  Math.sqrt(-2 * Math.log((Math.floor(w1 / 256) + 1) / 2 ** 24)) * Math.cos(2 * Math.PI * unit(w2));

/** The largest float32 below a positive or negative float32 `v` (neighbouring bit pattern). */
function float32Below(v: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, v);
  view.setInt32(0, view.getInt32(0) + (v > 0 ? -1 : 1));
  return v === 0 ? -(2 ** -149) : view.getFloat32(0);
}

/** min + u * (max - min) in float32; a value that rounds up to max becomes the float32 below max. */
function refUniform(key: Key, n: number, min: number, max: number, stream: Key = [0, 0]): number[] {
  const top = Math.fround(max);
  return refWords(key, n, stream).map((w) => {
    const v = Math.fround(min + unit(w) * (max - min));
    return v < top ? v : float32Below(top);
  });
}

function refUniformInt(key: Key, n: number, min: number, max: number): number[] {
  return refWords(key, n).map((w) => Math.floor(min + unit(w) * (max - min)));
}

function refNormal(key: Key, n: number, mean: number, stddev: number, stream: Key = [0, 0]): number[] {
  const w = refWords(key, 2 * n, stream);
  return Array.from({ length: n }, (_, i) => mean + stddev * boxMuller(w[2 * i], w[2 * i + 1]));
}

/** Word `index` alone: word index % 4 of the block at counter [index / 4, substream, stream]. */
function refWord(key: Key, index: number, substream: number): number {
  const block = new Uint32Array(4);
  philox4x32(Math.floor(index / 4), substream, 0, 0, key[0], key[1], block);
  return block[index % 4];
}

/** Attempt a of element i uses words 2i, 2i+1 of substream a; the first |z| <= 2 wins. Also counts redraws. */
function refTruncated(key: Key, n: number, mean: number, stddev: number): { values: number[]; redraws: number; lastAttempt: number } {
  let redraws = 0;
  let lastAttempt = 0;
  const values = Array.from({ length: n }, (_, i) => {
    for (let a = 0; ; a++) {
      const z = boxMuller(refWord(key, 2 * i, a), refWord(key, 2 * i + 1, a));
      if (Math.abs(z) <= 2) {
        lastAttempt = Math.max(lastAttempt, a);
        return mean + stddev * z;
      }
      redraws++;
    }
  });
  return { values, redraws, lastAttempt };
}

// ---- statistics -----------------------------------------------------------------------------------------

function moments(xs: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  const mean = s / xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i] - mean) ** 2;
  return { mean, variance: v / (xs.length - 1) };
}

/** |got - want| within 5 standard errors (seeded, so deterministic; 5 sigma so a correct backend passes). */
function expectWithin(got: number, want: number, standardError: number, what: string): void {
  const bound = 5 * standardError;
  expect(Math.abs(got - want), `${what}: got ${got}, expected ${want} +- ${bound}`).toBeLessThanOrEqual(bound);
}

/** Counts the fraction of zeros and checks it against Binomial(n, rate). */
function expectDroppedFraction(xs: ArrayLike<number>, rate: number, what: string): void {
  let zeros = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i] === 0) zeros++;
  expectWithin(zeros / xs.length, rate, Math.sqrt((rate * (1 - rate)) / xs.length), what);
}

/** Conformance tests of the 'random' family, run once per backend. */
export function randomSuite(env: BackendUnderTest): void {
  describe(`random (${env.name})`, () => {
    describe('randomUniform', () => {
      it('pins the bits: seed 0 gives the Random123 known-answer words, top 24 bits each', async () => {
        // philox4x32(counter 0, key 0) = 6627e8d5 e169c58d bc57ac4c 9b00dbd8
        const t = randomUniform([4], { seed: 0 });
        expect(t.dtype).toBe('float32');
        expect(await values(t)).toEqual([0x6627e8 / 2 ** 24, 0xe169c5 / 2 ** 24, 0xbc57ac / 2 ** 24, 0x9b00db / 2 ** 24]);
        t.dispose();
      });

      it('gives element i from word i of the seed key, for every shape', async () => {
        for (const [shape, seed] of [[[3, 5], 42], [[1001], 7], [[2, 3, 2], 2 ** 40 + 7], [[], 5]] as [number[], number][]) {
          const n = shape.reduce((a, b) => a * b, 1);
          const t = randomUniform(shape, { seed, min: -2, max: 3 });
          expect(t.shape).toEqual(shape);
          await expectClose(t, refUniform(keyOf(seed), n, -2, 3), env, `shape [${shape}] seed ${seed}`);
          t.dispose();
        }
      });

      it('gives int32 values floor(min + u * (max - min)) in [min, max)', async () => {
        const t = randomUniform([500], { seed: 11, min: -3, max: 4, dtype: 'int32' });
        expect(t.dtype).toBe('int32');
        const got = await values(t);
        expect(got).toEqual(refUniformInt(keyOf(11), 500, -3, 4));
        expect(new Set(got)).toEqual(new Set([-3, -2, -1, 0, 1, 2, 3]));
        t.dispose();
      });

      it('repeats for the same seed and differs for another', async () => {
        const a = await values(randomUniform([64], { seed: 1 }));
        const b = await values(randomUniform([64], { seed: 1 }));
        const c = await values(randomUniform([64], { seed: 2 }));
        expect(b).toEqual(a);
        expect(c.filter((v, i) => v === a[i]).length).toBeLessThan(3);
      });

      it('never reaches max, even where float32 rounding would', async () => {
        // float32 steps are 2 apart at 2^24, so about half of min + u * 2 round up to max: they must become
        // the float32 below max, which is min
        const [lo, hi] = [2 ** 24, 2 ** 24 + 2];
        const ref = refUniform(keyOf(3), 200, lo, hi);
        expect(ref.every((v) => v === lo)).toBe(true);
        expect(refWords(keyOf(3), 200).filter((w) => Math.fround(lo + unit(w) * 2) === hi).length).toBeGreaterThan(50);
        expect(await values(randomUniform([200], { seed: 3, min: lo, max: hi }))).toEqual(ref);
        const t = await values(randomUniform([4000], { seed: 3, min: 1, max: 2 }));
        expect(Math.max(...t)).toBeLessThan(2);
        expect(Math.min(...t)).toBeGreaterThanOrEqual(1);
      });

      it('has the mean and variance of U(min, max)', async () => {
        const n = 20000;
        const [lo, hi] = [-1, 3];
        const { mean, variance } = moments(await randomUniform([n], { seed: 99, min: lo, max: hi }).data());
        const width = hi - lo;
        expectWithin(mean, (lo + hi) / 2, width / Math.sqrt(12 * n), 'mean');
        // Var(sample variance) ~ (mu4 - sigma^4) / n with mu4 = w^4/80, sigma^4 = w^4/144
        expectWithin(variance, width ** 2 / 12, Math.sqrt((width ** 4 / 80 - width ** 4 / 144) / n), 'variance');
      });
    });

    describe('randomNormal and truncatedNormal', () => {
      it('gives element i from words 2i and 2i+1 by Box-Muller', async () => {
        for (const [shape, seed] of [[[7], 42], [[4, 3], 2 ** 33 + 1], [[], 0]] as [number[], number][]) {
          const n = shape.reduce((a, b) => a * b, 1);
          const t = randomNormal(shape, { seed, mean: 1.5, stddev: 2 });
          expect(t.shape).toEqual(shape);
          expect(t.dtype).toBe('float32');
          await expectClose(t, refNormal(keyOf(seed), n, 1.5, 2), env, `shape [${shape}] seed ${seed}`);
          t.dispose();
        }
      });

      it('redraws truncated values from the next substream, element by element', async () => {
        const n = 3000;
        const ref = refTruncated(keyOf(5), n, -1, 0.5);
        // the reference exercises redraws, and redraws of redraws
        expect(ref.redraws).toBeGreaterThan(50);
        expect(ref.lastAttempt).toBeGreaterThanOrEqual(2);
        const t = truncatedNormal([30, 100], { seed: 5, mean: -1, stddev: 0.5 });
        const got = await values(t);
        await expectClose(got, ref.values, env, 'truncatedNormal');
        for (const v of got) expect(Math.abs(v + 1)).toBeLessThanOrEqual(1 + 1e-6);
        t.dispose();
      });

      it('has the right mean and variance', async () => {
        const n = 20000;
        const normal = moments(await randomNormal([n], { seed: 8, mean: 2, stddev: 3 }).data());
        expectWithin(normal.mean, 2, 3 / Math.sqrt(n), 'normal mean');
        expectWithin(normal.variance, 9, Math.sqrt((2 * 81) / n), 'normal variance');
        const trunc = await truncatedNormal([n], { seed: 8, mean: 2, stddev: 3 }).data();
        const tm = moments(trunc);
        // N(0, 1) truncated to [-2, 2]: variance 1 - 4 phi(2) / (2 Phi(2) - 1)
        const phi2 = Math.exp(-2) / Math.sqrt(2 * Math.PI);
        const truncVar = 1 - (4 * phi2) / 0.9544997361036416;
        expectWithin(tm.mean, 2, 3 * Math.sqrt(truncVar / n), 'truncated mean');
        expectWithin(tm.variance, 9 * truncVar, 9 * Math.sqrt(3 / n), 'truncated variance');
        expect(Math.min(...trunc)).toBeGreaterThanOrEqual(2 - 6 - 1e-5);
        expect(Math.max(...trunc)).toBeLessThanOrEqual(2 + 6 + 1e-5);
      });

      it('gives the mean everywhere when stddev is 0, and empty tensors for empty shapes', async () => {
        expect(await values(randomNormal([3], { seed: 1, mean: 4, stddev: 0 }))).toEqual([4, 4, 4]);
        expect(await values(truncatedNormal([2], { seed: 1, mean: -4, stddev: 0 }))).toEqual([-4, -4]);
        const empty = randomNormal([2, 0], { seed: 1 });
        expect(empty.shape).toEqual([2, 0]);
        expect(await values(empty)).toEqual([]);
      });
    });

    describe('seeds', () => {
      it('gives a SeedGenerator a new stream per call and the same sequence for a new generator', async () => {
        const draw = async (g: SeedGenerator) => [await values(randomUniform([6], { seed: g })), await values(randomUniform([6], { seed: g }))];
        const [first, second] = await draw(new SeedGenerator(17));
        expect(second).not.toEqual(first);
        await expectClose(first, refUniform(keyOf(17), 6, 0, 1, [0, 0]), env, 'call 0');
        await expectClose(second, refUniform(keyOf(17), 6, 0, 1, [1, 0]), env, 'call 1');
        expect(await draw(new SeedGenerator(17))).toEqual([first, second]);
        const g = new SeedGenerator(17);
        g.state = 1;
        await expectClose(randomNormal([5], { seed: g }), refNormal(keyOf(17), 5, 0, 1, [1, 0]), env, 'resumed');
      });

      it('makes unseeded ops reproducible with setSeed, and different from call to call', async () => {
        setSeed(1234);
        const a = [await values(randomUniform([8])), await values(randomNormal([8])), await values(truncatedNormal([8]))];
        setSeed(1234);
        const b = [await values(randomUniform([8])), await values(randomNormal([8])), await values(truncatedNormal([8]))];
        expect(b).toEqual(a);
        expect(await values(randomUniform([8]))).not.toEqual(a[0]);
      });

      it('rejects NaN, infinite and fractional seeds, naming seed', () => {
        for (const seed of [NaN, Infinity, 1.5]) {
          const received = `Received: seed=${seed}`;
          expect(() => randomUniform([2], { seed })).toThrow(`randomUniform: seed must be a finite integer. ${received}`);
          expect(() => randomNormal([2], { seed })).toThrow(`randomNormal: seed must be a finite integer. ${received}`);
          expect(() => truncatedNormal([2], { seed })).toThrow(`truncatedNormal: seed must be a finite integer. ${received}`);
          expect(() => bernoulli([2], { seed })).toThrow(`bernoulli: seed must be a finite integer. ${received}`);
          expect(() => dropout(tensor([1, 2]), 0.5, { seed })).toThrow(`dropout: seed must be a finite integer. ${received}`);
          expect(() => dropout(tensor([1, 2]), 0, { seed })).toThrow(`dropout: seed must be a finite integer. ${received}`);
        }
      });

      it('does not advance a SeedGenerator when a call is rejected', async () => {
        const g = new SeedGenerator(4);
        expect(() => randomUniform([2], { seed: g, min: 1, max: 0 })).toThrow(/max must be greater than min/);
        expect(() => dropout(tensor([1]), 2, { seed: g })).toThrow(/rate/);
        expect(g.state).toBe(0);
        await expectClose(randomUniform([3], { seed: g }), refUniform(keyOf(4), 3, 0, 1), env);
      });
    });

    describe('argument errors', () => {
      it('names the op, the argument and what was received', () => {
        expect(() => randomUniform([2, -1])).toThrow('randomUniform: shape must be an array of non-negative integers. Received: shape=[2,-1]');
        expect(() => randomNormal([1.5])).toThrow(/randomNormal: shape must be .*Received: shape=\[1.5\]/);
        expect(() => randomUniform(3 as never)).toThrow(/Received: shape=3/);
        expect(() => randomUniform([2], { min: 1, max: 1 })).toThrow('randomUniform: max must be greater than min (1). Received: max=1');
        expect(() => randomUniform([2], { min: 2, max: 1 })).toThrow(/Received: max=1/);
        expect(() => randomUniform([2], { min: NaN })).toThrow('randomUniform: min must be a finite number. Received: min=NaN');
        expect(() => randomUniform([2], { max: Infinity })).toThrow(/Received: max=Infinity/);
        expect(() => randomUniform([2], { dtype: 'bool' as never })).toThrow(`randomUniform: dtype must be 'float32' or 'int32'. Received: dtype='bool'`);
        expect(() => randomUniform([2], { dtype: 'int32', max: 2.5 })).toThrow(/randomUniform: max must be an integer .*for dtype 'int32'. Received: max=2.5/);
        expect(() => randomUniform([2], { dtype: 'int32', min: -(2 ** 32) })).toThrow(/Received: min=-4294967296/);
        expect(() => randomUniform([2], null as never)).toThrow('randomUniform: options must be an object. Received: options=null');
        expect(() => randomNormal([2], { stddev: -1 })).toThrow('randomNormal: stddev must be >= 0. Received: stddev=-1');
        expect(() => truncatedNormal([2], { stddev: NaN })).toThrow('truncatedNormal: stddev must be a finite number. Received: stddev=NaN');
        expect(() => truncatedNormal([2], { mean: Infinity })).toThrow(/truncatedNormal: mean must be a finite number/);
        expect(() => bernoulli([2], { p: 1.5 })).toThrow('bernoulli: p must be a number in [0, 1]. Received: p=1.5');
        expect(() => bernoulli([2], { p: NaN })).toThrow(/Received: p=NaN/);
      });
    });

    describe('bernoulli', () => {
      it('is 1 exactly where the uniform of the same seed is below p, as float32', async () => {
        const t = bernoulli([40, 25], { seed: 21, p: 0.3 });
        expect(t.dtype).toBe('float32');
        expect(t.shape).toEqual([40, 25]);
        const got = await values(t);
        expect(got).toEqual(refWords(keyOf(21), 1000).map((w) => (unit(w) < 0.3 ? 1 : 0)));
        expectDroppedFraction(got, 0.7, 'fraction of zeros');
        expect(await values(bernoulli([50], { seed: 1, p: 0 }))).toEqual(new Array(50).fill(0));
        expect(await values(bernoulli([50], { seed: 1, p: 1 }))).toEqual(new Array(50).fill(1));
      });
    });

    describe('dropout', () => {
      const xValues = Array.from({ length: 2000 }, (_, i) => (i % 7) - 3.25);

      it("'inverted' keeps x / (1 - rate) exactly where uniform >= rate and zeroes the rest", async () => {
        const rate = 0.3;
        const x = tensor(xValues, [40, 50]);
        const y = dropout(x, rate, { seed: 9 });
        expect(y.shape).toEqual([40, 50]);
        expect(y.dtype).toBe('float32');
        const got = await values(y);
        const kept = refWords(keyOf(9), 2000).map((w) => unit(w) >= rate);
        await expectClose(got, xValues.map((v, i) => (kept[i] ? v / (1 - rate) : 0)), env, 'dropout');
        got.forEach((v, i) => {
          if (v !== 0) expect(Math.abs(v - xValues[i] / (1 - rate))).toBeLessThanOrEqual(1e-5 * Math.abs(v));
        });
        expectDroppedFraction(got, rate, 'dropped fraction');
        dispose([x, y]);
      });

      it("'inference' scaling keeps x unscaled", async () => {
        const x = tensor(xValues);
        const got = await values(dropout(x, 0.6, { seed: 10, scaling: 'inference' }));
        got.forEach((v, i) => expect(v === 0 || v === xValues[i], `element ${i}: ${v}`).toBe(true));
        expectDroppedFraction(got, 0.6, 'dropped fraction');
        x.dispose();
      });

      it('drops whole channels with noiseShape, nulls taking x\'s dimension', async () => {
        const [b, s, c] = [4, 25, 20];
        const x = tensor(Array.from({ length: b * s * c }, (_, i) => 1 + (i % 5)), [b, s, c]);
        for (const noiseShape of [[b, 1, c], [null, 1, null], [1, c]]) {
          const got = await values(dropout(x, 0.5, { seed: 12, noiseShape }));
          const maskSize = noiseShape.length === 2 ? c : b * c;
          const kept = refWords(keyOf(12), maskSize).map((w) => unit(w) >= 0.5);
          for (let i = 0; i < b * s * c; i++) {
            const channel = i % c;
            const batch = Math.floor(i / (s * c));
            const k = kept[noiseShape.length === 2 ? channel : batch * c + channel];
            expect(got[i], `[${noiseShape}] element ${i}`).toBe(k ? (1 + (i % 5)) * 2 : 0);
          }
        }
        x.dispose();
      });

      it('returns x unchanged at rate 0 and zeros at rate 1, never NaN or Infinity', async () => {
        const x = tensor([1, -2, Infinity, NaN, 5]);
        const same = dropout(x, 0, { seed: 1 });
        expect(await values(same)).toEqual([1, -2, Infinity, NaN, 5]);
        same.dispose();
        expect(x.isDisposed).toBe(false);
        const none = dropout(x, 1, { seed: 1 });
        expect(none.shape).toEqual([5]);
        expect(await values(none)).toEqual([0, 0, 0, 0, 0]);
        expect(await values(dropout(tensor([[3, 4]]), 1, { noiseShape: [1, 1] }))).toEqual([0, 0]);
        dispose([x, none]);
      });

      it('rejects a bad rate, scaling, noiseShape or x', () => {
        const x = tensor([[1, 2, 3], [4, 5, 6]]);
        for (const rate of [-0.1, 1.5, NaN]) {
          expect(() => dropout(x, rate)).toThrow(`dropout: rate must be a number in [0, 1]. Received: rate=${rate}`);
        }
        expect(() => dropout(x, '0.5' as never)).toThrow(/Received: rate='0.5'/);
        expect(() => dropout(x, 0.5, { scaling: 'none' as never })).toThrow(`dropout: scaling must be 'inverted' or 'inference'. Received: scaling='none'`);
        expect(() => dropout(x, 0.5, { noiseShape: [2, 2] })).toThrow('dropout: noiseShape [2,2] must broadcast to the shape of x [2,3]');
        expect(() => dropout(x, 0.5, { noiseShape: [1, 2, 3] })).toThrow(/noiseShape \[1,2,3\] must broadcast to the shape of x \[2,3\]/);
        expect(() => dropout(x, 0.5, { noiseShape: [2, -1] })).toThrow(/dropout: noiseShape must be an array of non-negative integers or nulls. Received: noiseShape=\[2,-1\]/);
        expect(() => dropout(tensor([1, 2], undefined, 'int32'), 0.5)).toThrow(`dropout: x.dtype must be 'float32'. Received: x.dtype='int32'`);
        x.dispose();
      });

      it('has the mask times the scale as its gradient', async () => {
        const rate = 0.4;
        const x = tensor(xValues.slice(0, 60), [3, 4, 5]);
        const kept = refWords(keyOf(13), 15).map((w) => unit(w) >= rate);
        const expected = Array.from({ length: 60 }, (_, i) => {
          const maskIndex = Math.floor(i / 20) * 5 + (i % 5); // noiseShape [3, 1, 5]
          return kept[maskIndex] ? 1 / (1 - rate) : 0;
        });
        const g = grad((t) => dropout(t, rate, { seed: 13, noiseShape: [3, 1, 5] }).sum())(x);
        await expectClose(g, expected, env, 'gradient');
        await checkGradients((t) => dropout(t, rate, { seed: 13 }), [xValues.slice(0, 12)], [[3, 4]]);
        dispose([x, g]);
      });

      it('draws each seed-generator call\'s own full-size mask, exactly, and its gradient is that mask times the scale', async () => {
        // 1,007 elements: not a whole number of the 32-element groups a fused kernel may work in
        const n = 1007;
        const rate = 0.25;
        const scale = Math.fround(1 / (1 - rate));
        const xs = xValues.slice(0, n);
        const x = tensor(xs);
        const gen = new SeedGenerator(44);
        const y0 = dropout(x, rate, { seed: gen });
        const g1 = grad((t) => dropout(t, rate, { seed: gen }).mul(tensor(xs)).sum())(x);
        for (const [stream, got, of] of [[0, await values(y0), 'y'], [1, await values(g1), 'gradient']] as const) {
          const kept = refWords(keyOf(44), n, [stream, 0]).map((w) => unit(w) >= rate);
          // y = x * scale where kept; the gradient of sum(y * x) is x * scale there; both exactly 0 elsewhere
          got.forEach((v, i) => {
            const want = kept[i] ? Math.fround(xs[i] * scale) : 0;
            expect(v === want, `${of} element ${i}: ${v}, expected ${want}`).toBe(true);
          });
        }
        // x * 0 keeps the composite form's IEEE results where dropped: NaN stays NaN, -3 gives -0
        const special = await values(dropout(tensor([NaN, -3, Infinity, 2]), 0.999999, { seed: 5 }));
        const keptSpecial = refWords(keyOf(5), 4).map((w) => unit(w) >= Math.fround(0.999999));
        expect(Number.isNaN(special[0])).toBe(true);
        expect(Object.is(special[1], keptSpecial[1] ? special[1] : -0)).toBe(true);
        dispose([x, y0, g1]);
      });

      it('is a Tensor method and leaks no tensors', async () => {
        const x = tensor(xValues.slice(0, 100));
        // Counted with no await in between: while a read is awaited, the garbage collector may free
        // tensors that earlier tests forgot, which would move the count.
        const before = memory().numTensors;
        const a = x.dropout(0.5, { seed: 3 });
        const b = dropout(x, 0.5, { seed: 3 });
        const r = [randomUniform([5], { seed: 1 }), randomNormal([5], { seed: 1 }), truncatedNormal([5], { seed: 1 }), bernoulli([5], { seed: 1 })];
        expect(memory().numTensors).toBe(before + 6);
        dispose(r);
        expect(memory().numTensors).toBe(before + 2);
        expect(await values(a)).toEqual(await values(b));
        const withAB = memory().numTensors;
        dispose([a, b]);
        expect(memory().numTensors).toBe(withAB - 2);
        x.dispose();
      });
    });
  });
}
