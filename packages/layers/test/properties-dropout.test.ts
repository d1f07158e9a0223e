// Property-based tests of the Dropout family: the maths each layer promises, checked over random shapes,
// values, rates and seeds against references computed here in plain JS (float64).
// Every statistical bound is derived from the variance of the quantity tested: for masks (bounded
// variables) Bernstein's inequality at a failure probability of 1e-9 per checked quantity, about 6.5
// standard errors when the counts are large and still valid when they are small (rate near 0 or 1); for
// Gaussian noise 6-7 standard errors. A correct layer fails with negligible probability, while a wrong
// scale, a wrong rate or a stale mask is far outside the bounds.
import '@neurite/backend-cpu';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getBackend, grad, mul, randomUniform, registerBackend, setBackend, setSeed, sum, tensor, tidy, type Tensor } from '@neurite/tensor';
import { createGpuBackend } from '@neurite/backend-gpu';
import { WasmBackend } from '@neurite/backend-wasm';
import {
  AlphaDropout, Dropout, GaussianDropout, GaussianNoise, SpatialDropout1D, SpatialDropout2D, SpatialDropout3D,
  type Layer,
} from '../src/index.js';

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const values = (t: Tensor) => Array.from(t.dataSync());
const TRAIN = { training: true } as const;

/** Cases run per property and the largest deviations seen, printed at the end for the report. */
const summary: Record<string, number | string> = {};
const count = (key: string) => (summary[key] = ((summary[key] as number | undefined) ?? 0) + 1);
afterAll(() => console.log('[properties-dropout] summary', JSON.stringify(summary, null, 1)));

// ---- arbitraries ---------------------------------------------------------------------------------------

const shapeArb = (maxRank: number, maxDim: number) =>
  fc.array(fc.integer({ min: 1, max: maxDim }), { minLength: 1, maxLength: maxRank });

/** A float32 value with |v| in [0.01, 10]: non-zero, so a kept unit can be told from a dropped one. */
const nonZeroArb = fc
  .tuple(fc.double({ min: 0.01, max: 10, noNaN: true }), fc.boolean())
  .map(([m, neg]) => Math.fround(neg ? -m : m));

const valuesArb = (n: number) => fc.array(nonZeroArb, { minLength: n, maxLength: n });

/** A shape and non-zero values for it. */
const inputArb = (maxRank: number, maxDim: number) =>
  shapeArb(maxRank, maxDim).chain((shape) => valuesArb(size(shape)).map((xs) => ({ shape, xs })));

const seedArb = fc.integer({ min: -(2 ** 40), max: 2 ** 40 });
const rateArb = (min: number, max: number) => fc.double({ min, max, noNaN: true });

/**
 * Bernstein's bound on |mean - expectation| for the mean of n independent draws with the given variance,
 * each within `range` of its expectation: exceeded with probability at most `delta`.
 */
function bernstein(n: number, variance: number, range: number, delta = 1e-9): number {
  const L = Math.log(2 / delta);
  const a = (range * L) / 3;
  return (a + Math.sqrt(a * a + 2 * n * variance * L)) / n;
}

/** Flat index -> multi-index for a row-major shape. */
function unravel(i: number, shape: number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = i % shape[d];
    i = Math.floor(i / shape[d]);
  }
  return idx;
}

/** Normal(0, 1) samples from a seeded JS generator (mulberry32 + Box-Muller), independent of the library. */
function jsNormals(seed: number, n: number): number[] {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()));
}

// ---- 1. the expected activation is preserved -------------------------------------------------------------

describe('property 1: dropout preserves the expected activation', () => {
  const CALLS = 2000;

  for (const scaling of ['inverted', 'inference'] as const) {
    it(`averaged over ${CALLS} seeded training masks, training output -> inference output ('${scaling}')`, () => {
      let worstZ = 0;
      let worstAbs = 0;
      let worstRel = 0; // deviation / bound
      fc.assert(
        fc.property(inputArb(3, 4), rateArb(0.05, 0.9), seedArb, ({ shape, xs }, rate, seed) => {
          count(`p1 cases (${scaling})`);
          const layer = new Dropout({ rate, seed, scaling });
          const x = tensor(xs, shape);
          const inference = values(layer.apply(x));
          // The inference output itself against plain JS: x, or x * (1 - rate) with 'inference' scaling.
          const expected = xs.map((v) => (scaling === 'inverted' ? v : v * (1 - rate)));
          inference.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1e-6 * Math.abs(expected[i])));

          const total = new Float64Array(xs.length);
          for (let c = 0; c < CALLS; c++) {
            const out = tidy(() => values(layer.apply(x, TRAIN)));
            for (let i = 0; i < out.length; i++) total[i] += out[i];
          }
          x.dispose();
          for (let i = 0; i < xs.length; i++) {
            const mean = total[i] / CALLS;
            // Per-call variance of one unit: x^2 r / (1 - r) (inverted) or x^2 r (1 - r) (kept unscaled).
            const variance = scaling === 'inverted' ? (xs[i] ** 2 * rate) / (1 - rate) : xs[i] ** 2 * rate * (1 - rate);
            // How far one output can be from its expectation: {0, x/(1-r)} around x, or {0, x} around x(1-r).
            const range = Math.abs(xs[i]) * (scaling === 'inverted' ? Math.max(1, rate / (1 - rate)) : Math.max(rate, 1 - rate));
            const se = Math.sqrt(variance / CALLS);
            const slack = 1e-5 * Math.abs(inference[i]) / (1 - rate) + 1e-7; // float32 rounding of the outputs
            const bound = bernstein(CALLS, variance, range) + slack;
            const dev = Math.abs(mean - inference[i]);
            worstZ = Math.max(worstZ, dev / se);
            worstAbs = Math.max(worstAbs, dev);
            worstRel = Math.max(worstRel, dev / bound);
            expect(dev).toBeLessThanOrEqual(bound);
          }
        }),
        { numRuns: 20 },
      );
      summary[`p1 largest deviation (standard errors, ${scaling})`] = Number(worstZ.toFixed(3));
      summary[`p1 largest deviation (fraction of the bound, ${scaling})`] = Number(worstRel.toFixed(3));
      summary[`p1 largest deviation (absolute, ${scaling})`] = Number(worstAbs.toPrecision(4));
      summary['p1 calls per case'] = CALLS;
    });
  }
});

// ---- 2. every element is dropped or scaled; the dropped fraction is the rate -----------------------------

describe('property 2: outputs are 0 or the scaled input, dropped at the rate', () => {
  for (const scaling of ['inverted', 'inference'] as const) {
    it(`each element is 0 or ${scaling === 'inverted' ? 'x / (1 - rate)' : 'x'}; dropped fraction within a binomial bound of rate`, () => {
      let worstSigma = 0;
      const rateOrEdge = fc.oneof(
        { weight: 1, arbitrary: fc.constantFrom(0, 1) },
        { weight: 8, arbitrary: rateArb(0.01, 0.99) },
      );
      fc.assert(
        fc.property(inputArb(4, 8), rateOrEdge, seedArb, ({ shape, xs }, rate, seed) => {
          count(`p2 cases (${scaling})`);
          const layer = new Dropout({ rate, seed, scaling });
          const x = tensor(xs, shape);
          const CALLS = Math.min(200, Math.max(4, Math.ceil(4000 / xs.length))); // about 4000 draws in all
          let dropped = 0;
          for (let c = 0; c < CALLS; c++) {
            const out = tidy(() => values(layer.apply(x, TRAIN)));
            out.forEach((v, i) => {
              expect(Number.isFinite(v)).toBe(true);
              if (v === 0) {
                dropped++;
                return;
              }
              const kept = scaling === 'inverted' ? xs[i] / (1 - rate) : xs[i];
              if (scaling === 'inverted') expect(Math.abs(v - kept)).toBeLessThanOrEqual(1e-6 * Math.abs(kept));
              else expect(v).toBe(kept); // unscaled: exactly x
            });
          }
          x.dispose();
          const m = CALLS * xs.length;
          const sigma = Math.sqrt((rate * (1 - rate)) / m);
          const dev = Math.abs(dropped / m - rate);
          if (sigma > 0) worstSigma = Math.max(worstSigma, dev / sigma);
          expect(dev).toBeLessThanOrEqual(bernstein(m, rate * (1 - rate), Math.max(rate, 1 - rate)) + 1e-12);
        }),
        { numRuns: 40 },
      );
      summary[`p2 largest dropped-fraction deviation (sigma, ${scaling})`] = Number(worstSigma.toFixed(3));
    });
  }
});

// ---- 3. seeds: deterministic but not constant ----------------------------------------------------------

describe('property 3: a seed makes the mask sequence reproducible, not constant', () => {
  const maskOf = (out: number[]) => out.map((v) => (v === 0 ? 0 : 1)).join('');

  // The gpu.js modes that run in Node ('headlessgl' needs a display: the test script runs under xvfb-run).
  const GPU_NODE_MODES = ['webasm', 'cpu', 'headlessgl'] as const;

  // The WebAssembly backend on one thread and on two (every kernel split), with its fused dropout kernel.
  const WASM = { 'wasm-1': 1, 'wasm-2': 2 } as const;

  it('the CPU backend, every gpu.js Node mode and the wasm backend make the same masks for the same seed and step', async () => {
    for (const mode of GPU_NODE_MODES) registerBackend(`gpu-${mode}`, () => createGpuBackend({ mode }));
    for (const [name, threads] of Object.entries(WASM)) registerBackend(name, () => new WasmBackend({ threads, minParallelWork: 0 }));
    const active = getBackend();
    const sequence = async (backendName: string, shape: number[], xs: number[], rate: number, seed: number) => {
      await setBackend(backendName);
      const layer = new Dropout({ rate, seed });
      const x = tensor(xs, shape);
      const out: { mask: string; values: number[] }[] = [];
      for (let k = 0; k < 4; k++) {
        const y = layer.apply(x, TRAIN);
        const v = Array.from(await y.data());
        y.dispose();
        out.push({ mask: maskOf(v), values: v });
      }
      x.dispose();
      return out;
    };
    await fc.assert(
      fc.asyncProperty(
        shapeArb(3, 9).chain((shape) => valuesArb(size(shape)).map((xs) => ({ shape, xs }))),
        rateArb(0.05, 0.95),
        seedArb,
        async ({ shape, xs }, rate, seed) => {
          count('p3 cases (CPU = every GPU Node mode = wasm)');
          const reference = await sequence('cpu', shape, xs, rate, seed);
          for (const name of [...GPU_NODE_MODES.map((m) => `gpu-${m}`), ...Object.keys(WASM)]) {
            const got = await sequence(name, shape, xs, rate, seed);
            expect(got.map((g) => g.mask), name).toEqual(reference.map((r) => r.mask));
            got.forEach((g, k) => g.values.forEach((v, i) => expect(Math.abs(v - reference[k].values[i])).toBeLessThanOrEqual(1e-6 * Math.abs(v))));
          }
        },
      ),
      { numRuns: 15 },
    );
    await setBackend(active);
  });

  it('new mask per call; same sequence for the same seed (whatever runs between); other seeds differ', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 6, max: 12 }), fc.integer({ min: 8, max: 12 })).chain((shape) =>
          valuesArb(size(shape)).map((xs) => ({ shape, xs })),
        ),
        rateArb(0.2, 0.8),
        seedArb,
        seedArb,
        ({ shape, xs }, rate, seed, otherSeed) => {
          fc.pre(seed !== otherSeed);
          count('p3 cases');
          const x = tensor(xs, shape);
          const K = 5;
          const a = new Dropout({ rate, seed });
          const seqA = Array.from({ length: K }, () => tidy(() => values(a.apply(x, TRAIN))));
          // A new mask at every call: no two masks of the sequence coincide.
          const masks = seqA.map(maskOf);
          expect(new Set(masks).size).toBe(K);

          // A fresh layer with the same seed replays the sequence exactly, even with inference calls, global
          // random draws and another layer with the same seed interleaved (each layer owns its generator).
          const b = new Dropout({ rate, seed });
          const twin = new Dropout({ rate, seed });
          for (let k = 0; k < K; k++) {
            tidy(() => {
              b.apply(x);
              randomUniform([3]);
              expect(values(b.apply(x, TRAIN))).toEqual(seqA[k]);
              expect(values(twin.apply(x, TRAIN))).toEqual(seqA[k]);
            });
          }

          // Another seed gives another sequence.
          const c = new Dropout({ rate, seed: otherSeed });
          const seqC = Array.from({ length: K }, () => tidy(() => maskOf(values(c.apply(x, TRAIN)))));
          expect(seqC).not.toEqual(masks);
          expect(seqC[0]).not.toEqual(masks[0]);
          x.dispose();
        },
      ),
      { numRuns: 30 },
    );
  });

  it('unseeded layers draw from the global generator: setSeed replays them, without it they differ', () => {
    fc.assert(
      fc.property(rateArb(0.2, 0.8), seedArb, (rate, seed) => {
        count('p3 cases (global generator)');
        const x = tensor(Array.from({ length: 64 }, (_, i) => i + 1), [8, 8]);
        const run = () => tidy(() => {
          const layer = new Dropout({ rate });
          return [0, 1, 2].map(() => maskOf(values(layer.apply(x, TRAIN))));
        });
        setSeed(seed);
        const first = run();
        setSeed(seed);
        expect(run()).toEqual(first);
        expect(run()).not.toEqual(first); // the global generator moved on
        x.dispose();
      }),
      { numRuns: 20 },
    );
  });
});

// ---- 4. noise shapes broadcast -------------------------------------------------------------------------

describe('property 4: noiseShape broadcasts the mask', () => {
  const spatial = [SpatialDropout1D, SpatialDropout2D, SpatialDropout3D] as const;

  for (const [k, Cls] of spatial.entries()) {
    for (const dataFormat of ['channelsLast', 'channelsFirst'] as const) {
      it(`${Cls.className} (${dataFormat}) zeroes whole channels and nothing else`, () => {
        const rank = k + 3;
        fc.assert(
          fc.property(
            fc.array(fc.integer({ min: 1, max: 4 }), { minLength: rank, maxLength: rank }).chain((shape) =>
              valuesArb(size(shape)).map((xs) => ({ shape, xs })),
            ),
            rateArb(0.1, 0.9),
            seedArb,
            ({ shape, xs }, rate, seed) => {
              count(`p4 cases (${Cls.className}, ${dataFormat})`);
              const layer = new Cls({ rate, seed, dataFormat });
              const out = tidy(() => values(layer.apply(tensor(xs, shape), TRAIN)));
              const channelAxis = dataFormat === 'channelsLast' ? rank - 1 : 1;
              const kept = new Map<string, boolean>();
              out.forEach((v, i) => {
                const idx = unravel(i, shape);
                const key = `${idx[0]},${idx[channelAxis]}`;
                const isKept = v !== 0;
                if (isKept) {
                  const scaled = xs[i] / (1 - rate);
                  expect(Math.abs(v - scaled)).toBeLessThanOrEqual(1e-6 * Math.abs(scaled));
                }
                // Every element of a (sample, channel) map shares that map's fate.
                if (!kept.has(key)) kept.set(key, isKept);
                expect(isKept).toBe(kept.get(key));
              });
            },
          ),
          { numRuns: 25 },
        );
      });
    }
  }

  it('Dropout with a noiseShape of 1s and nulls keeps the mask constant along the 1 axes', () => {
    fc.assert(
      fc.property(
        inputArb(4, 4).chain(({ shape, xs }) =>
          fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }).map((ones) => ({ shape, xs, ones })),
        ),
        rateArb(0.1, 0.9),
        seedArb,
        fc.boolean(),
        ({ shape, xs, ones }, rate, seed, explicit) => {
          count('p4 cases (Dropout noiseShape)');
          // A null entry and the explicit dimension mean the same; both are tried.
          const noiseShape = shape.map((d, i) => (ones[i] ? 1 : explicit ? d : null));
          const layer = new Dropout({ rate, seed, noiseShape });
          const out = tidy(() => values(layer.apply(tensor(xs, shape), TRAIN)));
          const fate = new Map<string, boolean>();
          out.forEach((v, i) => {
            const key = unravel(i, shape).map((j, d) => (ones[d] ? 0 : j)).join(',');
            if (!fate.has(key)) fate.set(key, v !== 0);
            expect(v !== 0).toBe(fate.get(key));
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});

// ---- 5. the gradient is the mask with its scale ----------------------------------------------------------

describe('property 5: the gradient through dropout is the scaled mask', () => {
  type Make = (rate: number, seed: number, rank: number) => Layer;
  const cases: [string, Make, number][] = [
    ['Dropout inverted', (rate, seed) => new Dropout({ rate, seed }), 0],
    ['Dropout inference-scaled', (rate, seed) => new Dropout({ rate, seed, scaling: 'inference' }), 0],
    ['SpatialDropout1D', (rate, seed) => new SpatialDropout1D({ rate, seed }), 3],
    ['SpatialDropout2D', (rate, seed) => new SpatialDropout2D({ rate, seed, dataFormat: 'channelsFirst' }), 4],
    ['GaussianDropout', (rate, seed) => new GaussianDropout({ rate, seed }), 0],
  ];

  for (const [name, make, fixedRank] of cases) {
    it(`${name}: d/dx sum(layer(x) * w) = w * layer(x) / x for the same mask`, () => {
      const shapes = fixedRank
        ? fc.array(fc.integer({ min: 1, max: 4 }), { minLength: fixedRank, maxLength: fixedRank })
        : shapeArb(3, 5);
      fc.assert(
        fc.property(
          shapes.chain((shape) => fc.tuple(valuesArb(size(shape)), valuesArb(size(shape))).map(([xs, ws]) => ({ shape, xs, ws }))),
          rateArb(0.05, 0.9),
          seedArb,
          ({ shape, xs, ws }, rate, seed) => {
            count(`p5 cases (${name})`);
            const x = tensor(xs, shape);
            const w = tensor(ws, shape);
            const layer = make(rate, seed, shape.length);
            const g = tidy(() => values(grad((t) => sum(mul(layer.apply(t, TRAIN), w)))(x)));
            // The same mask again, from a fresh layer with the same seed.
            const out = tidy(() => values(make(rate, seed, shape.length).apply(x, TRAIN)));
            x.dispose();
            w.dispose();
            g.forEach((gi, i) => {
              const expected = (ws[i] * out[i]) / xs[i];
              expect(Math.abs(gi - expected)).toBeLessThanOrEqual(1e-5 * Math.abs(expected) + 1e-6);
            });
          },
        ),
        { numRuns: 25 },
      );
    });
  }
});

// ---- 6. Gaussian dropout keeps the mean; alpha dropout keeps mean and variance --------------------------

describe('property 6: noise layers keep the moments they promise', () => {
  it('GaussianDropout: the average over 1000 seeded calls approaches x (6 standard errors)', () => {
    const CALLS = 1000;
    let worstZ = 0;
    fc.assert(
      fc.property(inputArb(2, 4), rateArb(0.05, 0.9), seedArb, ({ shape, xs }, rate, seed) => {
        count('p6 cases (GaussianDropout mean)');
        const layer = new GaussianDropout({ rate, seed });
        const x = tensor(xs, shape);
        const total = new Float64Array(xs.length);
        for (let c = 0; c < CALLS; c++) {
          const out = tidy(() => values(layer.apply(x, TRAIN)));
          for (let i = 0; i < out.length; i++) total[i] += out[i];
        }
        x.dispose();
        xs.forEach((v, i) => {
          // The noise has variance rate / (1 - rate), so one call's output has variance x^2 rate / (1 - rate).
          const se = Math.abs(v) * Math.sqrt(rate / (1 - rate) / CALLS);
          const dev = Math.abs(total[i] / CALLS - v);
          worstZ = Math.max(worstZ, dev / se);
          expect(dev).toBeLessThanOrEqual(6 * se + 1e-5 * Math.abs(v));
        });
      }),
      { numRuns: 15 },
    );
    summary['p6 GaussianDropout largest mean deviation (standard errors)'] = Number(worstZ.toFixed(3));
  });

  it('GaussianDropout: the noise x -> out / x has variance rate / (1 - rate) over a large sample', () => {
    fc.assert(
      fc.property(rateArb(0.05, 0.9), seedArb, (rate, seed) => {
        count('p6 cases (GaussianDropout variance)');
        const n = 20000;
        const ratio = tidy(() => values(new GaussianDropout({ rate, seed }).apply(tensor(new Array(n).fill(1), [n]), TRAIN)));
        const mean = ratio.reduce((a, b) => a + b, 0) / n;
        const variance = ratio.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
        const target = rate / (1 - rate);
        // sd of a normal sample variance is target * sqrt(2 / n); 7 of them.
        expect(Math.abs(variance - target)).toBeLessThanOrEqual(7 * target * Math.sqrt(2 / n));
        expect(Math.abs(mean - 1)).toBeLessThanOrEqual(7 * Math.sqrt(target / n));
      }),
      { numRuns: 10 },
    );
  });

  it('GaussianNoise: out - x has mean 0 and variance stddev^2 over a large sample', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 5, noNaN: true }), seedArb, nonZeroArb, (stddev, seed, v) => {
        count('p6 cases (GaussianNoise)');
        const n = 20000;
        const noise = tidy(() => values(new GaussianNoise({ stddev, seed }).apply(tensor(new Array(n).fill(v), [n]), TRAIN))).map((o) => o - v);
        const mean = noise.reduce((a, b) => a + b, 0) / n;
        const variance = noise.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
        const float = 1e-6 * Math.abs(v); // float32 rounding of x + noise
        expect(Math.abs(mean)).toBeLessThanOrEqual(7 * stddev / Math.sqrt(n) + float);
        expect(Math.abs(variance - stddev ** 2)).toBeLessThanOrEqual(7 * stddev ** 2 * Math.sqrt(2 / n) + 2 * stddev * float);
      }),
      { numRuns: 10 },
    );
  });

  it('AlphaDropout: standardised inputs keep mean 0 and variance 1; each output is a*x+b or a*alpha_p+b', () => {
    const alphaP = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946;
    let worstMean = 0;
    let worstVar = 0;
    fc.assert(
      fc.property(rateArb(0.01, 0.7), seedArb, fc.integer(), (rate, seed, dataSeed) => {
        count('p6 cases (AlphaDropout)');
        const n = 20000;
        const xs = jsNormals(dataSeed, n).map(Math.fround);
        const out = tidy(() => values(new AlphaDropout({ rate, seed }).apply(tensor(xs, [100, n / 100]), TRAIN)));
        // The affine correction, computed here from the paper's formula.
        const a = 1 / Math.sqrt((1 - rate) * (1 + rate * alphaP ** 2));
        const b = -a * alphaP * rate;
        const droppedValue = a * alphaP + b;
        let dropped = 0;
        out.forEach((v, i) => {
          const keptValue = a * xs[i] + b;
          const isDropped = Math.abs(v - droppedValue) <= 1e-5;
          if (isDropped && Math.abs(keptValue - droppedValue) > 1e-5) dropped++;
          if (!isDropped) expect(Math.abs(v - keptValue)).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(keptValue)));
        });
        // (+ 1/n: a kept value within 1e-5 of the dropped one cannot be told apart; that is rarer still.)
        expect(Math.abs(dropped / n - rate)).toBeLessThanOrEqual(bernstein(n, rate * (1 - rate), Math.max(rate, 1 - rate)) + 1 / n);
        const mean = out.reduce((s, v) => s + v, 0) / n;
        const variance = out.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
        worstMean = Math.max(worstMean, Math.abs(mean));
        worstVar = Math.max(worstVar, Math.abs(variance - 1));
        expect(Math.abs(mean)).toBeLessThan(0.05);
        expect(Math.abs(variance - 1)).toBeLessThan(0.1);
      }),
      { numRuns: 15 },
    );
    summary['p6 AlphaDropout largest |mean|'] = Number(worstMean.toFixed(4));
    summary['p6 AlphaDropout largest |var - 1|'] = Number(worstVar.toFixed(4));
  });
});
