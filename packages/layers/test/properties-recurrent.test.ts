// Property-based tests of recurrent dropout (dropout and recurrentDropout on SimpleRNN, LSTM, GRU): one mask
// per sequence reused at every step, a fresh mask per row and per call, deterministic inference, the
// expectation of a linear cell kept, and a seed that repeats the sequence of masks.
import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ones, tensor, zeros, type Tensor } from '@neurite/tensor';
import { GRU, LSTM, SimpleRNN, type RNN } from '../src/index.js';

const TRAIN = { training: true } as const;
const seedArb = fc.integer({ min: -(2 ** 40), max: 2 ** 40 });
const rateArb = fc.double({ min: 0.2, max: 0.8, noNaN: true });

function identity(n: number): Tensor {
  return tensor(Array.from({ length: n * n }, (_, i) => (i % (n + 1) === 0 ? 1 : 0)), [n, n]);
}

/** A linear SimpleRNN without bias and with the given kernel and recurrent kernel. */
function linearRnn(units: number, inputDim: number, kernel: Tensor, recurrent: Tensor, extra: Partial<ConstructorParameters<typeof SimpleRNN>[0]>): SimpleRNN {
  const layer = new SimpleRNN({ units, activation: 'linear', useBias: false, returnSequences: true, ...extra });
  layer.build([null, 1, inputDim]);
  layer.setWeights([kernel, recurrent]);
  kernel.dispose();
  recurrent.dispose();
  return layer;
}

/** rows[b][t] = the output vector of row b at step t, from [batch, steps, units]. */
function byRowAndStep(y: Tensor): number[][][] {
  const [batch, steps, units] = y.shape;
  const v = y.dataSync();
  return Array.from({ length: batch }, (_, b) => Array.from({ length: steps }, (_, t) => Array.from(v.slice((b * steps + t) * units, (b * steps + t + 1) * units))));
}

describe('recurrent dropout properties', () => {
  const UNITS = 64; // enough units that two independent masks coincide with negligible probability

  it('the input mask is one per sequence: the same at every step, different between rows and between calls', () => {
    fc.assert(
      fc.property(rateArb, seedArb, fc.integer({ min: 2, max: 6 }), fc.integer({ min: 2, max: 5 }), (rate, seed, steps, batch) => {
        // kernel I, recurrent kernel 0 and inputs of ones: the output at every step is the row's mask.
        const layer = linearRnn(UNITS, UNITS, identity(UNITS), zeros([UNITS, UNITS]), { dropout: rate, seed });
        const x = ones([batch, steps, UNITS]);
        const [a, b] = [layer.apply(x, TRAIN), layer.apply(x, TRAIN)];
        const scale = 1 / (1 - rate);
        const rowsA = byRowAndStep(a);
        for (const row of rowsA) {
          for (const step of row) {
            expect(step).toEqual(row[0]);
            for (const v of step) expect(v === 0 || Math.abs(v - scale) < 1e-5 * scale).toBe(true);
          }
        }
        for (let i = 1; i < batch; i++) expect(rowsA[i][0]).not.toEqual(rowsA[0][0]);
        expect(byRowAndStep(b)[0][0]).not.toEqual(rowsA[0][0]);
        [x, a, b].forEach((t) => t.dispose());
        layer.dispose();
      }),
      { numRuns: 20 },
    );
  });

  it('the recurrent mask is one per sequence: with kernel 0 and recurrent kernel I, h_t = h_1 * scale^(t-1)', () => {
    fc.assert(
      fc.property(rateArb, seedArb, fc.integer({ min: 2, max: 5 }), (rate, seed, steps) => {
        const layer = linearRnn(UNITS, 3, zeros([3, UNITS]), identity(UNITS), { recurrentDropout: rate, seed });
        const x = ones([2, steps, 3]);
        const h0 = ones([2, UNITS]);
        const y = layer.apply([x, h0], TRAIN) as Tensor;
        const scale = 1 / (1 - rate);
        for (const row of byRowAndStep(y)) {
          row.forEach((step, t) => step.forEach((v, j) => expect(Math.abs(v - row[0][j] * scale ** t)).toBeLessThanOrEqual(1e-4 * scale ** t)));
        }
        [x, h0, y].forEach((t) => t.dispose());
        layer.dispose();
      }),
      { numRuns: 20 },
    );
  });

  it('inference is deterministic and equals the layer without dropout (SimpleRNN, LSTM, GRU)', () => {
    const makers: ((a: { dropout: number; recurrentDropout: number; seed: number }) => RNN)[] = [
      (a) => new SimpleRNN({ units: 5, ...a }),
      (a) => new LSTM({ units: 5, ...a }),
      (a) => new GRU({ units: 5, ...a }),
    ];
    fc.assert(
      fc.property(rateArb, rateArb, seedArb, fc.integer({ min: 0, max: 2 }), (d, rd, seed, which) => {
        const noisy = makers[which]({ dropout: d, recurrentDropout: rd, seed });
        const plain = makers[which]({ dropout: 0, recurrentDropout: 0, seed });
        const x = tensor(Array.from({ length: 2 * 4 * 3 }, (_, i) => Math.sin(i + seed)), [2, 4, 3]);
        noisy.build([...x.shape]);
        plain.build([...x.shape]);
        const w = noisy.getWeights();
        plain.setWeights(w);
        const outs = [noisy.apply(x), noisy.apply(x), plain.apply(x)];
        expect(Array.from(outs[0].dataSync())).toEqual(Array.from(outs[1].dataSync()));
        expect(Array.from(outs[0].dataSync())).toEqual(Array.from(outs[2].dataSync()));
        [x, ...w, ...outs].forEach((t) => t.dispose());
        noisy.dispose();
        plain.dispose();
      }),
      { numRuns: 15 },
    );
  });

  it('a linear cell keeps its expected output under dropout (any length) and recurrentDropout (up to 2 steps)', () => {
    const ROWS = 4000;
    fc.assert(
      fc.property(rateArb, seedArb, fc.integer({ min: 1, max: 4 }), fc.boolean(), (rate, seed, stepsIn, recurrent) => {
        // The output is linear in the input mask (and, for two steps, in the recurrent mask separately), so
        // its mean over many independently masked copies of one sequence is the inference output.
        const steps = recurrent ? Math.min(stepsIn, 2) : stepsIn;
        const units = 3;
        const features = 2;
        const kernel = tensor(Array.from({ length: features * units }, (_, i) => Math.cos(i * 1.7 + seed % 7)), [features, units]);
        const rec = tensor(Array.from({ length: units * units }, (_, i) => 0.5 * Math.sin(i * 2.3 + seed % 5)), [units, units]);
        const layer = linearRnn(units, features, kernel, rec, recurrent ? { dropout: rate, recurrentDropout: rate, seed } : { dropout: rate, seed });
        const one = Array.from({ length: steps * features }, (_, i) => Math.sin(i + 1));
        const x = tensor(Array.from({ length: ROWS }, () => one).flat(), [ROWS, steps, features]);
        const train = layer.apply(x, TRAIN);
        const infer = layer.apply(x);
        const tv = train.dataSync();
        const iv = infer.dataSync();
        const per = steps * units;
        for (let j = 0; j < per; j++) {
          let m = 0;
          let m2 = 0;
          for (let r = 0; r < ROWS; r++) {
            m += tv[r * per + j];
            m2 += tv[r * per + j] ** 2;
          }
          m /= ROWS;
          const sd = Math.sqrt(Math.max(m2 / ROWS - m * m, 0));
          expect(Math.abs(m - iv[j])).toBeLessThanOrEqual(7 * sd / Math.sqrt(ROWS) + 1e-5);
        }
        [x, train, infer].forEach((t) => t.dispose());
        layer.dispose();
      }),
      { numRuns: 12 },
    );
  });

  it('a seeded layer repeats its sequence of masks (and the masks change from call to call)', () => {
    fc.assert(
      fc.property(rateArb, rateArb, seedArb, (d, rd, seed) => {
        const make = () => new LSTM({ units: 8, dropout: d, recurrentDropout: rd, seed, returnSequences: true });
        const [a, b] = [make(), make()];
        const x = tensor(Array.from({ length: 3 * 4 * 5 }, (_, i) => Math.cos(i)), [3, 4, 5]);
        a.build([...x.shape]);
        b.build([...x.shape]);
        const w = a.getWeights();
        b.setWeights(w);
        const first = [a.apply(x, TRAIN), b.apply(x, TRAIN)];
        const second = [a.apply(x, TRAIN), b.apply(x, TRAIN)];
        expect(Array.from(first[0].dataSync())).toEqual(Array.from(first[1].dataSync()));
        expect(Array.from(second[0].dataSync())).toEqual(Array.from(second[1].dataSync()));
        expect(Array.from(second[0].dataSync())).not.toEqual(Array.from(first[0].dataSync()));
        [x, ...w, ...first, ...second].forEach((t) => t.dispose());
        a.dispose();
        b.dispose();
      }),
      { numRuns: 15 },
    );
  });
});
