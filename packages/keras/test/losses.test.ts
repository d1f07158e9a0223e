import '@neurite/backend-cpu';
import { NeuriteError, grad, memory, tensor, type Tensor } from '@neurite/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BinaryCrossentropy, CategoricalCrossentropy, Huber, LossFunctionWrapper, MeanAbsoluteError, MeanSquaredError,
  SparseCategoricalCrossentropy, deserializeLoss, getLoss, losses, serializeLoss, type LossLike,
} from '../src/losses/index.js';
import {
  bceRows, cceRows, close, huberRows, maeRows, matrix, mseRows, oneHotRows, reduce, rng, sparseRows, type Matrix,
} from './losses-reference.js';

const value = (t: Tensor): number => t.dataSync()[0];
const dims = { batch: fc.integer({ min: 1, max: 6 }), classes: fc.integer({ min: 1, max: 5 }), seed: fc.integer() };
const RUNS = { numRuns: 40 };

/** Random weights in [0, 2) for `n` samples, or undefined. */
const weightsFor = (n: number, gen: () => number, weighted: boolean): number[] | undefined =>
  weighted ? Array.from({ length: n }, () => Math.fround(2 * gen())) : undefined;

/** call() with an optional [batch] weight tensor. */
function callLoss(loss: LossLike, t: Matrix | number[], p: Matrix, w?: number[]): number {
  return value(loss.call(tensor(t), tensor(p), w === undefined ? undefined : tensor(w)));
}

describe('regression losses match the plain-JS formulas', () => {
  const cases: [string, () => LossLike, (t: Matrix, p: Matrix) => number[]][] = [
    ['MeanSquaredError', () => new MeanSquaredError(), mseRows],
    ['MeanAbsoluteError', () => new MeanAbsoluteError(), maeRows],
    ['Huber (delta 1)', () => new Huber(), (t, p) => huberRows(t, p, 1)],
    ['Huber (delta 0.3)', () => new Huber({ delta: 0.3 }), (t, p) => huberRows(t, p, 0.3)],
  ];
  for (const [name, make, rows] of cases) {
    it(`${name}: random inputs, with and without sample weights`, () => {
      fc.assert(
        fc.property(dims.batch, dims.classes, dims.seed, fc.boolean(), (b, d, seed, weighted) => {
          const gen = rng(seed);
          const t = matrix(b, d, () => 4 * gen() - 2);
          const p = matrix(b, d, () => 4 * gen() - 2);
          const w = weightsFor(b, gen, weighted);
          expect(close(callLoss(make(), t, p, w), reduce(rows(t, p), w))).toBe(true);
        }),
        RUNS,
      );
    });
  }

  it('a rank-3 batch [batch, time, dim] averages over every (sample, step) pair', () => {
    const gen = rng(7);
    const t = [matrix(3, 2, gen), matrix(3, 2, gen)];
    const p = [matrix(3, 2, gen), matrix(3, 2, gen)];
    const expected = meanAll([...mseRows(t[0], p[0]), ...mseRows(t[1], p[1])]);
    expect(value(new MeanSquaredError().call(tensor(t), tensor(p)))).toBeCloseTo(expected, 6);
    // weights [batch] weight every step of their sample
    const w = [0.5, 2];
    const weighted = meanAll([...mseRows(t[0], p[0]).map((l) => l * w[0]), ...mseRows(t[1], p[1]).map((l) => l * w[1])]);
    expect(value(new MeanSquaredError().call(tensor(t), tensor(p), tensor(w)))).toBeCloseTo(weighted, 6);
  });

  it('yTrue of shape [batch] meets yPred of shape [batch, 1]', () => {
    const mse = new MeanSquaredError();
    expect(value(mse.call(tensor([1, 2, 3]), tensor([[1.5], [2], [5]])))).toBeCloseTo((0.25 + 0 + 4) / 3, 6);
    expect(value(mse.call(tensor([[1], [2], [3]]), tensor([1.5, 2, 5])))).toBeCloseTo((0.25 + 0 + 4) / 3, 6);
    // rank-1 pairs: each element is one sample, so weights [batch] apply per element
    expect(value(mse.call(tensor([1, 2, 3]), tensor([1.5, 2, 5]), tensor([2, 1, 0])))).toBeCloseTo((0.5 + 0 + 0) / 3, 6);
  });

  it('Huber is quadratic inside delta and linear outside, by hand', () => {
    const h = new Huber({ delta: 2 });
    // errors 1 (0.5) and 5 (2*5 - 2 = 8)
    expect(value(h.call(tensor([[0, 0]]), tensor([[1, -5]])))).toBeCloseTo((0.5 + 8) / 2, 6);
  });

  it("reduction 'sum' adds the per-sample losses", () => {
    const loss = new MeanAbsoluteError({ reduction: 'sum' });
    expect(value(loss.call(tensor([[0, 0], [1, 1]]), tensor([[1, 3], [1, 2]]), tensor([1, 3])))).toBeCloseTo(2 + 3 * 0.5, 6);
  });

  it('int32 targets are averaged as floats', () => {
    expect(value(new MeanSquaredError().call(tensor([[1, 2]], undefined, 'int32'), tensor([[1.5, 2]])))).toBeCloseTo(0.125, 6);
  });
});

describe('BinaryCrossentropy', () => {
  it('matches the formula on random probabilities and logits, with label smoothing and weights', () => {
    fc.assert(
      fc.property(
        dims.batch, dims.classes, dims.seed, fc.boolean(), fc.boolean(), fc.constantFrom(0, 0.1, 0.35),
        (b, d, seed, fromLogits, weighted, labelSmoothing) => {
          const gen = rng(seed);
          const t = matrix(b, d, () => (gen() < 0.5 ? 0 : 1));
          const p = matrix(b, d, () => (fromLogits ? 12 * gen() - 6 : gen()));
          const w = weightsFor(b, gen, weighted);
          const loss = new BinaryCrossentropy({ fromLogits, labelSmoothing });
          expect(close(callLoss(loss, t, p, w), reduce(bceRows(t, p, fromLogits, labelSmoothing), w))).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('soft labels in [0, 1] are allowed', () => {
    const t = [[0.2, 0.9]];
    const p = [[0.3, 0.6]];
    expect(value(new BinaryCrossentropy().call(tensor(t), tensor(p)))).toBeCloseTo(bceRows(t, p, false)[0], 6);
  });

  it('logits of ±1e4 give finite, exact values (0 or 1e4 per element) and finite gradients', () => {
    const loss = new BinaryCrossentropy({ fromLogits: true });
    const t = tensor([[1, 0, 1, 0, 1, 0]]);
    const x = tensor([[1e4, 1e4, -1e4, -1e4, 0, 0]]);
    expect(value(loss.call(t, x))).toBeCloseTo((0 + 1e4 + 1e4 + 0 + 2 * Math.LN2) / 6, 3);
    const g = [...grad((xs) => loss.call(t, xs))(x).dataSync()];
    // d/dx = (sigmoid(x) - z) / 6, also at the kink-free point x = 0
    expect(g).toEqual([0, 1, -1, 0, -0.5, 0.5].map((v) => expect.closeTo(v / 6, 6)));
  });

  it('probabilities of exactly 0 and 1 are clipped to [1e-7, 1 - 1e-7], so the loss stays finite', () => {
    const got = value(new BinaryCrossentropy().call(tensor([[1, 0]]), tensor([[0, 1]])));
    expect(close(got, bceRows([[1, 0]], [[0, 1]], false)[0])).toBe(true);
    expect(got).toBeGreaterThan(15);
    expect(Number.isFinite(got)).toBe(true);
  });
});

describe('CategoricalCrossentropy', () => {
  it('matches the formula on random distributions and logits, with label smoothing and weights', () => {
    fc.assert(
      fc.property(
        dims.batch, fc.integer({ min: 2, max: 6 }), dims.seed, fc.boolean(), fc.boolean(), fc.constantFrom(0, 0.1, 0.4),
        (b, c, seed, fromLogits, weighted, labelSmoothing) => {
          const gen = rng(seed);
          const t = oneHotRows(Array.from({ length: b }, () => Math.floor(gen() * c)), c);
          // unnormalised positive scores: Keras rescales them to sum to 1
          const p = matrix(b, c, () => (fromLogits ? 10 * gen() - 5 : 0.01 + gen()));
          const w = weightsFor(b, gen, weighted);
          const loss = new CategoricalCrossentropy({ fromLogits, labelSmoothing });
          expect(close(callLoss(loss, t, p, w), reduce(cceRows(t, p, fromLogits, labelSmoothing), w))).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('logits of ±1e4 give finite, exact values and finite gradients', () => {
    const loss = new CategoricalCrossentropy({ fromLogits: true });
    const t = tensor([[0, 1, 0], [1, 0, 0]]);
    const x = tensor([[1e4, -1e4, 0], [1e4, -1e4, 0]]);
    // row 1: label logit -1e4 vs max 1e4 -> 2e4; row 2: the label wins -> 0
    expect(value(loss.call(t, x))).toBeCloseTo(1e4, 2);
    const g = [...grad((xs) => loss.call(t, xs))(x).dataSync()];
    expect(g.every(Number.isFinite)).toBe(true);
    // (softmax - z) / batch: row 1 = [1, -1, 0] / 2, row 2 = 0
    expect(g).toEqual([0.5, -0.5, 0, 0, 0, 0].map((v) => expect.closeTo(v, 6)));
  });

  it('axis picks the class axis', () => {
    const gen = rng(3);
    const t = oneHotRows([0, 2], 3);
    const p = matrix(2, 3, () => 0.1 + gen());
    const transpose = (m: Matrix): Matrix => m[0].map((_, j) => m.map((r) => r[j]));
    const loss = new CategoricalCrossentropy({ axis: 0 });
    expect(close(value(loss.call(tensor(transpose(t)), tensor(transpose(p)))), meanAll(cceRows(t, p, false)))).toBe(true);
  });
});

describe('SparseCategoricalCrossentropy', () => {
  it('matches the formula for int32 and float32 labels of shape [batch] or [batch, 1], with weights', () => {
    fc.assert(
      fc.property(
        dims.batch, fc.integer({ min: 2, max: 6 }), dims.seed, fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(),
        (b, c, seed, fromLogits, weighted, asInt, column) => {
          const gen = rng(seed);
          const labels = Array.from({ length: b }, () => Math.floor(gen() * c));
          const p = matrix(b, c, () => (fromLogits ? 10 * gen() - 5 : 0.01 + gen()));
          const w = weightsFor(b, gen, weighted);
          const yTrue = tensor(column ? labels.map((l) => [l]) : labels, undefined, asInt ? 'int32' : 'float32');
          const loss = new SparseCategoricalCrossentropy({ fromLogits });
          const got = value(loss.call(yTrue, tensor(p), w === undefined ? undefined : tensor(w)));
          expect(close(got, reduce(sparseRows(labels, p, fromLogits), w))).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('equals CategoricalCrossentropy on the one-hot labels', () => {
    const p = tensor([[2, -1, 0.5], [0, 3, -2]]);
    const sparse = value(new SparseCategoricalCrossentropy({ fromLogits: true }).call(tensor([2, 1]), p));
    const dense = value(new CategoricalCrossentropy({ fromLogits: true }).call(tensor(oneHotRows([2, 1], 3)), p));
    expect(sparse).toBeCloseTo(dense, 6);
  });

  it('logits of ±1e4 give finite, exact values', () => {
    const loss = new SparseCategoricalCrossentropy({ fromLogits: true });
    expect(value(loss.call(tensor([1, 0]), tensor([[1e4, -1e4], [1e4, -1e4]])))).toBeCloseTo(1e4, 2);
  });

  it('ignoreClass drops those samples from the sum and from the count', () => {
    const p = [[2, -1, 0.5], [0, 3, -2], [1, 1, 1], [0.3, 0.2, -4]];
    const per = sparseRows([2, 1, 0, 0], p, true);
    const loss = new SparseCategoricalCrossentropy({ fromLogits: true, ignoreClass: -1 });
    expect(value(loss.call(tensor([2, -1, 0, -1]), tensor(p)))).toBeCloseTo((per[0] + per[2]) / 2, 5);
    // with weights: Σ lᵢwᵢ over kept samples / number kept
    const w = [0.5, 9, 2, 9];
    expect(value(loss.call(tensor([2, -1, 0, -1]), tensor(p), tensor(w)))).toBeCloseTo((per[0] * 0.5 + per[2] * 2) / 2, 5);
    // per-sample losses of ignored samples are 0
    expect([...loss.perSample(tensor([2, -1, 0, -1]), tensor(p)).dataSync()]).toEqual(
      [per[0], 0, per[2], 0].map((v) => expect.closeTo(v, 5)),
    );
    // an ignore class inside [0, numClasses) works the same way; all ignored gives 0
    const ignoreZero = new SparseCategoricalCrossentropy({ fromLogits: true, ignoreClass: 0 });
    expect(value(ignoreZero.call(tensor([2, 1, 0, 0]), tensor(p)))).toBeCloseTo((per[0] + per[1]) / 2, 5);
    expect(value(ignoreZero.call(tensor([0, 0]), tensor(p.slice(0, 2))))).toBe(0);
  });

  it('a rank-3 prediction [batch, time, classes] takes labels [batch, time]', () => {
    const p = [[[1, 2], [0, -1]], [[3, 0], [0.5, 0.5]]];
    const labels = [[1, 0], [0, 1]];
    const per = [...sparseRows(labels[0], p[0], true), ...sparseRows(labels[1], p[1], true)];
    expect(value(new SparseCategoricalCrossentropy({ fromLogits: true }).call(tensor(labels), tensor(p)))).toBeCloseTo(meanAll(per), 6);
  });
});

/** Finite differences of `f` at every element of `x` (central, step h). */
function finiteDifferences(f: (x: Matrix) => number, x: Matrix, h: number): Matrix {
  return x.map((row, i) =>
    row.map((_, j) => {
      const shifted = (d: number): Matrix => x.map((r, a) => r.map((v, b) => (a === i && b === j ? v + d : v)));
      return (f(shifted(h)) - f(shifted(-h))) / (2 * h);
    }),
  );
}

describe('gradients agree with finite differences', () => {
  const gen = rng(11);
  const t = matrix(3, 4, () => (gen() < 0.5 ? 0 : 1));
  const w = [0.5, 1.5, 1];
  const labels = [3, 0, 2];
  // away from kinks: |e| is never near 0 (MAE) or near delta (Huber)
  const preds = matrix(3, 4, () => (gen() < 0.5 ? -1 : 1) * (0.15 + 1.5 * gen()));
  const probs = matrix(3, 4, () => 0.15 + 0.7 * gen());
  const cases: [string, LossLike, Matrix | number[], Matrix][] = [
    ['MeanSquaredError', new MeanSquaredError(), t, preds],
    ['MeanAbsoluteError', new MeanAbsoluteError(), t.map((r) => r.map((v) => v * 0)), preds],
    ['Huber', new Huber({ delta: 0.7 }), t.map((r) => r.map(() => 0)), preds.map((r) => r.map((v) => (Math.abs(Math.abs(v) - 0.7) < 0.05 ? v * 1.3 : v)))],
    ['BinaryCrossentropy (probs)', new BinaryCrossentropy({ labelSmoothing: 0.1 }), t, probs],
    ['BinaryCrossentropy (logits)', new BinaryCrossentropy({ fromLogits: true }), t, preds],
    ['CategoricalCrossentropy (probs)', new CategoricalCrossentropy(), oneHotRows(labels, 4), probs],
    ['CategoricalCrossentropy (logits)', new CategoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.2 }), oneHotRows(labels, 4), preds],
    ['SparseCategoricalCrossentropy (probs)', new SparseCategoricalCrossentropy(), labels, probs],
    ['SparseCategoricalCrossentropy (logits)', new SparseCategoricalCrossentropy({ fromLogits: true }), labels, preds],
  ];
  for (const [name, loss, yTrue, yPred] of cases) {
    it(name, () => {
      const yt = tensor(yTrue);
      const sw = tensor(w);
      const f = (x: Matrix): number => value(loss.call(yt, tensor(x), sw));
      const numeric = finiteDifferences(f, yPred, 1e-3);
      const analytic = grad((x) => loss.call(yt, x, sw))(tensor(yPred)).arraySync() as Matrix;
      analytic.forEach((row, i) => row.forEach((g, j) => expect(close(g, numeric[i][j], 2e-3, 5e-4)).toBe(true)));
      // the gradient is not trivially zero
      expect(analytic.flat().some((g) => Math.abs(g) > 1e-3)).toBe(true);
    });
  }
});

describe('errors', () => {
  it('shapes that do not fit name the loss and both shapes', () => {
    expect(() => new CategoricalCrossentropy().call(tensor([[0, 1, 0]]), tensor([[0.5, 0.5]]))).toThrow(
      /CategoricalCrossentropy: yTrue and yPred must have the same shape\. Received: yTrue\.shape=\[1,3\], yPred\.shape=\[1,2\]/,
    );
    expect(() => new CategoricalCrossentropy().call(tensor([[1], [2]]), tensor([[0.5, 0.5, 0], [0, 0, 1]]))).toThrow(
      /use SparseCategoricalCrossentropy.*yTrue\.shape=\[2,1\], yPred\.shape=\[2,3\]/,
    );
    expect(() => new MeanSquaredError().call(tensor([[1, 2, 3]]), tensor([[1], [2], [3]]))).toThrow(
      /MeanSquaredError: .*yTrue\.shape=\[1,3\], yPred\.shape=\[3,1\]/,
    );
    expect(() => new SparseCategoricalCrossentropy().call(tensor([[0, 1], [1, 0]]), tensor([[0.5, 0.5], [0.5, 0.5]]))).toThrow(
      /SparseCategoricalCrossentropy: yTrue must hold one class label per sample, of shape \[2\] or \[2,1\].*yTrue\.shape=\[2,2\], yPred\.shape=\[2,2\]/,
    );
    expect(() => new SparseCategoricalCrossentropy().call(tensor([0, 1, 1]), tensor([[0.5, 0.5], [0.5, 0.5]]))).toThrow(
      /yTrue\.shape=\[3\], yPred\.shape=\[2,2\]/,
    );
  });

  it('sparse labels must be integers in [0, numClasses)', () => {
    const p = tensor([[0.5, 0.5], [0.5, 0.5]]);
    const loss = new SparseCategoricalCrossentropy();
    expect(() => loss.call(tensor([0, 2]), p)).toThrow(/labels in \[0, 2\)\. Received: yTrue\[1\]=2/);
    expect(() => loss.call(tensor([0.5, 1]), p)).toThrow(/Received: yTrue\[0\]=0\.5/);
    expect(() => loss.call(tensor([-1, 1]), p)).toThrow(/Received: yTrue\[0\]=-1/);
    expect(() => loss.call(tensor([true, false]), p)).toThrow(/integer class labels/);
  });

  it('sample weights of the wrong shape are rejected', () => {
    expect(() => new MeanSquaredError().call(tensor([[1], [2]]), tensor([[1], [2]]), tensor([1, 2, 3]))).toThrow(
      /MeanSquaredError: sampleWeight must be a scalar or have shape \[2\].*Received: sampleWeight\.shape=\[3\]/,
    );
  });

  it('bad options are rejected, never clamped', () => {
    expect(() => new Huber({ delta: -1 })).toThrow(/Huber: delta must be a finite number > 0\. Received: delta=-1/);
    expect(() => new BinaryCrossentropy({ labelSmoothing: 1.5 })).toThrow(/labelSmoothing must be a finite number in \[0, 1\]\. Received: labelSmoothing=1.5/);
    expect(() => new CategoricalCrossentropy({ fromLogits: 'yes' as unknown as boolean })).toThrow(/fromLogits must be a boolean/);
    expect(() => new SparseCategoricalCrossentropy({ ignoreClass: 0.5 })).toThrow(/ignoreClass must be an integer/);
    expect(() => new MeanSquaredError({ reduction: 'mean' as never })).toThrow(/reduction must be one of 'sum_over_batch_size', 'sum'/);
    expect(() => new CategoricalCrossentropy({ from_logits: true } as never)).toThrow(/CategoricalCrossentropy: unknown option 'from_logits' \(use fromLogits: options are camelCase\)/);
    expect(() => new CategoricalCrossentropy({ axis: 2 }).call(tensor([[1, 0]]), tensor([[1, 0]]))).toThrow(/axis must be in \[-2, 2\)/);
    expect(() => losses.meanSquaredError(tensor([1]) as never)).toThrow(/use \.call\(yTrue, yPred\)/);
  });

  it('errors are NeuriteErrors', () => {
    expect(() => getLoss('nope')).toThrow(NeuriteError);
  });
});

describe('getLoss', () => {
  const expectations: [string, string][] = [
    ['mse', 'MeanSquaredError'], ['MSE', 'MeanSquaredError'], ['mean_squared_error', 'MeanSquaredError'], ['meanSquaredError', 'MeanSquaredError'],
    ['mae', 'MeanAbsoluteError'], ['mean_absolute_error', 'MeanAbsoluteError'], ['meanAbsoluteError', 'MeanAbsoluteError'],
    ['huber', 'Huber'], ['huber_loss', 'Huber'], ['Huber', 'Huber'],
    ['binary_crossentropy', 'BinaryCrossentropy'], ['binaryCrossentropy', 'BinaryCrossentropy'], ['bce', 'BinaryCrossentropy'],
    ['categorical_crossentropy', 'CategoricalCrossentropy'], ['categoricalCrossentropy', 'CategoricalCrossentropy'],
    ['sparse_categorical_crossentropy', 'SparseCategoricalCrossentropy'], ['sparseCategoricalCrossentropy', 'SparseCategoricalCrossentropy'],
    ['SparseCategoricalCrossentropy', 'SparseCategoricalCrossentropy'],
  ];
  it.each(expectations)("'%s' resolves to %s with Keras's defaults", (name, className) => {
    const loss = getLoss(name);
    expect(loss.className).toBe(className);
    expect(loss.getConfig()).toMatchObject({ reduction: 'sum_over_batch_size' });
  });

  it("names and configs follow Keras ('huber_loss', from_logits false, ...)", () => {
    expect(getLoss('huber').name).toBe('huber_loss');
    expect(getLoss('mse').name).toBe('mean_squared_error');
    expect(getLoss('categorical_crossentropy').getConfig()).toEqual({
      name: 'categorical_crossentropy', reduction: 'sum_over_batch_size', fromLogits: false, labelSmoothing: 0, axis: -1,
    });
    expect(getLoss('sparse_categorical_crossentropy').getConfig()).toEqual({
      name: 'sparse_categorical_crossentropy', reduction: 'sum_over_batch_size', fromLogits: false, ignoreClass: null,
    });
  });

  it('an unknown name lists the known ones', () => {
    expect(() => getLoss('mean_squared_eror')).toThrow(
      /getLoss: unknown loss 'mean_squared_eror'; known: mean_squared_error, mse, .*sparse_categorical_crossentropy\. Received: loss='mean_squared_eror'/,
    );
    expect(() => getLoss(42 as never)).toThrow(/getLoss: loss must be .* Received: loss=42/);
  });

  it('returns loss objects as they are, wraps functions, and round-trips { className, config }', () => {
    const huber = new Huber({ delta: 3 });
    expect(getLoss(huber)).toBe(huber);
    const wrapped = getLoss(function squaredSum(t: Tensor, p: Tensor) {
      return p.sub(t).square().sum({ axis: -1 });
    });
    expect(wrapped).toBeInstanceOf(LossFunctionWrapper);
    expect(wrapped.name).toBe('squaredSum');
    expect(value(wrapped.call(tensor([[0, 0], [1, 1]]), tensor([[1, 2], [1, 1]]), tensor([2, 1])))).toBeCloseTo((5 * 2) / 2, 6);

    const original = new CategoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.1, name: 'cce' });
    const copy = deserializeLoss(serializeLoss(original)) as CategoricalCrossentropy;
    expect(copy.getConfig()).toEqual(original.getConfig());
    const keras = getLoss({ className: 'BinaryCrossentropy', config: { from_logits: true, label_smoothing: 0.2 } }) as BinaryCrossentropy;
    expect([keras.fromLogits, keras.labelSmoothing]).toEqual([true, 0.2]);
    expect(() => deserializeLoss({ className: 'Hinge' })).toThrow(/unknown loss class 'Hinge'/);
  });

  it('the losses namespace holds classes and factories', () => {
    expect(new losses.Huber()).toBeInstanceOf(Huber);
    expect(losses.categoricalCrossentropy({ fromLogits: true }).fromLogits).toBe(true);
    expect(losses.get('mae')).toBeInstanceOf(MeanAbsoluteError);
  });
});

describe('memory', () => {
  it('no tensor outlives call() or a gradient step, for every loss', () => {
    const all: [LossLike, Tensor][] = [
      [new MeanSquaredError(), tensor([[1, 0], [0, 1]])],
      [new Huber(), tensor([[1, 0], [0, 1]])],
      [new BinaryCrossentropy({ fromLogits: true, labelSmoothing: 0.1 }), tensor([[1, 0], [0, 1]])],
      [new CategoricalCrossentropy({ labelSmoothing: 0.1 }), tensor([[1, 0], [0, 1]])],
      [new SparseCategoricalCrossentropy({ ignoreClass: 1 }), tensor([0, 1])],
    ];
    const p = tensor([[0.3, 0.7], [0.6, 0.4]]);
    const w = tensor([1, 2]);
    for (const [loss, t] of all) {
      loss.call(t, p, w).dispose();
      const before = memory().numTensors;
      for (let i = 0; i < 3; i++) {
        loss.call(t, p, w).dispose();
        grad((x) => loss.call(t, x, w))(p).dispose();
      }
      expect(memory().numTensors).toBe(before);
    }
  });
});

function meanAll(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}
