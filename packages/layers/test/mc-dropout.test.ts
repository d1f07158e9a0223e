// Tests of monteCarloPredict: mean and std against plain-JS statistics of the same outputs, the training
// flag, argument checks and tensor bookkeeping.
import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { memory, tensor, tidy, type Tensor } from '@neurite/tensor';
import { Dropout, monteCarloPredict } from '../src/index.js';

const values = (t: Tensor) => Array.from(t.dataSync());

describe('monteCarloPredict', () => {
  it('returns the elementwise mean and population std of the n outputs (plain-JS reference)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (n, width, seed) => {
          const layer = new Dropout({ rate: 0.5, seed });
          const xs = Array.from({ length: width }, (_, i) => i - 2.5);
          const x = tensor(xs);
          const seen: number[][] = [];
          const { mean, std } = monteCarloPredict(({ training }) => {
            const y = layer.apply(x, { training });
            seen.push(values(y));
            return y;
          }, n);
          expect(seen.length).toBe(n);
          for (let j = 0; j < width; j++) {
            const column = seen.map((s) => s[j]);
            const m = column.reduce((a, b) => a + b, 0) / n;
            const sd = Math.sqrt(column.reduce((a, b) => a + (b - m) ** 2, 0) / n);
            expect(values(mean)[j]).toBeCloseTo(m, 4);
            expect(values(std)[j]).toBeCloseTo(sd, 4);
          }
          [x, mean, std].forEach((t) => t.dispose());
        },
      ),
      { numRuns: 30 },
    );
  });

  it('calls fn with training: true every time', () => {
    const flags: boolean[] = [];
    const r = monteCarloPredict((options) => {
      flags.push(options.training);
      return tensor([1]);
    }, 4);
    expect(flags).toEqual([true, true, true, true]);
    expect(values(r.mean)).toEqual([1]);
    expect(values(r.std)).toEqual([0]);
  });

  it('gives x and zero spread for a deterministic model, and spread |x| sqrt(rate / (1 - rate)) through dropout', () => {
    const x = tensor([2, -4, 8]);
    const identity = monteCarloPredict(({ training }) => new Dropout({ rate: 0 }).apply(x, { training }), 5);
    expect(values(identity.mean)).toEqual([2, -4, 8]);
    expect(values(identity.std)).toEqual([0, 0, 0]);
    // Inverted dropout: each output is 0 or x / (1 - rate); its std is |x| sqrt(rate / (1 - rate)).
    const layer = new Dropout({ rate: 0.2, seed: 99 });
    const n = 2000;
    const { mean, std } = monteCarloPredict(({ training }) => layer.apply(x, { training }), n);
    const target = Math.sqrt(0.2 / 0.8);
    [2, -4, 8].forEach((v, i) => {
      const se = Math.abs(v) * target / Math.sqrt(n);
      expect(Math.abs(values(mean)[i] - v)).toBeLessThan(6 * se);
      // The sample std of a Bernoulli-scaled value: within 10% of the exact one at this n.
      expect(Math.abs(values(std)[i] / (Math.abs(v) * target) - 1)).toBeLessThan(0.1);
    });
  });

  it('disposes every intermediate: only mean and std remain, also inside tidy', () => {
    const x = tensor([[1, 2], [3, 4]]);
    const layer = new Dropout({ rate: 0.3, seed: 1 });
    const before = memory().numTensors;
    const { mean, std } = monteCarloPredict(({ training }) => layer.apply(x, { training }).mul(2), 25);
    expect(memory().numTensors).toBe(before + 2);
    mean.dispose();
    std.dispose();
    expect(memory().numTensors).toBe(before);
    tidy(() => {
      monteCarloPredict(({ training }) => layer.apply(x, { training }), 10);
    });
    expect(memory().numTensors).toBe(before);
  });

  it('rejects a bad n or fn, and outputs of changing shape, without leaking', () => {
    const f = () => tensor([1, 2]);
    for (const n of [0, -1, 1.5, NaN, Infinity, '3']) {
      expect(() => monteCarloPredict(f, n as never)).toThrow(/^monteCarloPredict: n must be a positive integer\. Received: n=/);
    }
    expect(() => monteCarloPredict(f, 0)).toThrow('monteCarloPredict: n must be a positive integer. Received: n=0');
    expect(() => monteCarloPredict('f' as never, 3)).toThrow(
      "monteCarloPredict(fn, n): fn must be a function of { training } that returns a Tensor, such as ({ training }) => model.apply(x, { training }). Received: fn='f'",
    );
    // The usual mistakes: the arguments swapped, and a layer (or model) passed where a function goes.
    expect(() => monteCarloPredict(3 as never, f as never)).toThrow(/fn must be a function .*; the arguments are swapped\. Received: fn=3, n=function f/);
    expect(() => monteCarloPredict(new Dropout({ rate: 0.5 }) as never, 3)).toThrow(
      /; a model or layer is not called for you, wrap it in such a function\. Received: fn=Dropout/,
    );
    expect(() => monteCarloPredict((() => [1, 2]) as never, 3)).toThrow('monteCarloPredict: fn must return a Tensor');
    const before = memory().numTensors;
    let k = 0;
    expect(() => monteCarloPredict(() => tensor(new Array(++k > 2 ? 3 : 2).fill(0)), 5)).toThrow(
      'monteCarloPredict: fn must return tensors of one shape; call 1 gave [2], call 3 gave [3]',
    );
    expect(memory().numTensors).toBe(before);
  });
});
