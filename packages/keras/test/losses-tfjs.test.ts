import '@neurite/backend-cpu';
import * as tf from '@tensorflow/tfjs';
import { grad, tensor, type Tensor } from '@neurite/tensor';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BinaryCrossentropy, CategoricalCrossentropy, Huber, MeanAbsoluteError, MeanSquaredError, SparseCategoricalCrossentropy,
  type LossLike,
} from '../src/losses/index.js';
import { matrix, oneHotRows, rng, type Matrix } from './losses-reference.js';

// The same inputs through Neurite's losses and TensorFlow.js 4.22's equivalents. tf.metrics.* are the
// Keras-style per-sample functions (averaged here over the batch); tf.losses.* reduce with
// SUM_BY_NONZERO_WEIGHTS by default, which without weights is the mean over every element.

const TOL = 1e-5;
const ours = (loss: LossLike, t: Matrix | number[], p: Matrix, w?: number[]): number =>
  loss.call(tensor(t), tensor(p), w === undefined ? undefined : tensor(w)).dataSync()[0];
const theirs = (f: () => tf.Tensor): number => tf.tidy(() => f().dataSync()[0]);
const meanOfPerSample = (perSample: tf.Tensor): tf.Tensor => tf.mean(perSample);

/** |a - b| within TOL, relative for large values. */
function expectAgree(a: number, b: number): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(TOL * Math.max(1, Math.abs(b)));
}

const shapes = fc.tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 2, max: 6 }), fc.integer());
const RUNS = { numRuns: 25 };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('agreement with TensorFlow.js 4.22 (within 1e-5)', () => {
  it('MeanSquaredError = mean(tf.metrics.meanSquaredError) = tf.losses.meanSquaredError', () => {
    fc.assert(
      fc.property(shapes, ([b, d, seed]) => {
        const gen = rng(seed);
        const t = matrix(b, d, () => 6 * gen() - 3);
        const p = matrix(b, d, () => 6 * gen() - 3);
        const value = ours(new MeanSquaredError(), t, p);
        expectAgree(value, theirs(() => meanOfPerSample(tf.metrics.meanSquaredError(tf.tensor(t), tf.tensor(p)))));
        expectAgree(value, theirs(() => tf.losses.meanSquaredError(tf.tensor(t), tf.tensor(p))));
      }),
      RUNS,
    );
  });

  it('MeanAbsoluteError = mean(tf.metrics.meanAbsoluteError) = tf.losses.absoluteDifference', () => {
    fc.assert(
      fc.property(shapes, ([b, d, seed]) => {
        const gen = rng(seed);
        const t = matrix(b, d, () => 6 * gen() - 3);
        const p = matrix(b, d, () => 6 * gen() - 3);
        const value = ours(new MeanAbsoluteError(), t, p);
        expectAgree(value, theirs(() => meanOfPerSample(tf.metrics.meanAbsoluteError(tf.tensor(t), tf.tensor(p)))));
        expectAgree(value, theirs(() => tf.losses.absoluteDifference(tf.tensor(t), tf.tensor(p))));
      }),
      RUNS,
    );
  });

  it('Huber = tf.losses.huberLoss, for several deltas', () => {
    fc.assert(
      fc.property(shapes, fc.constantFrom(0.25, 1, 2.5), ([b, d, seed], delta) => {
        const gen = rng(seed);
        const t = matrix(b, d, () => 6 * gen() - 3);
        const p = matrix(b, d, () => 6 * gen() - 3);
        const value = ours(new Huber({ delta }), t, p);
        expectAgree(value, theirs(() => tf.losses.huberLoss(tf.tensor(t), tf.tensor(p), undefined, delta)));
      }),
      RUNS,
    );
  });

  it('BinaryCrossentropy (probabilities) = mean(tf.metrics.binaryCrossentropy), including probabilities 0 and 1', () => {
    fc.assert(
      fc.property(shapes, ([b, d, seed]) => {
        const gen = rng(seed);
        const t = matrix(b, d, () => (gen() < 0.5 ? 0 : 1));
        const p = matrix(b, d, () => { const u = gen(); return u < 0.05 ? 0 : u > 0.95 ? 1 : u; });
        const value = ours(new BinaryCrossentropy(), t, p);
        expectAgree(value, theirs(() => meanOfPerSample(tf.metrics.binaryCrossentropy(tf.tensor(t), tf.tensor(p)))));
      }),
      RUNS,
    );
  });

  it('BinaryCrossentropy (logits, label smoothing) = tf.losses.sigmoidCrossEntropy', () => {
    fc.assert(
      fc.property(shapes, fc.constantFrom(0, 0.1, 0.3), ([b, d, seed], labelSmoothing) => {
        const gen = rng(seed);
        const t = matrix(b, d, () => (gen() < 0.5 ? 0 : 1));
        const x = matrix(b, d, () => 20 * gen() - 10);
        const value = ours(new BinaryCrossentropy({ fromLogits: true, labelSmoothing }), t, x);
        expectAgree(value, theirs(() => tf.losses.sigmoidCrossEntropy(tf.tensor(t), tf.tensor(x), undefined, labelSmoothing)));
      }),
      RUNS,
    );
  });

  it('CategoricalCrossentropy (probabilities, label smoothing) = mean(tf.metrics.categoricalCrossentropy) of smoothed labels', () => {
    fc.assert(
      fc.property(shapes, fc.constantFrom(0, 0.2), ([b, c, seed], labelSmoothing) => {
        const gen = rng(seed);
        const t = oneHotRows(Array.from({ length: b }, () => Math.floor(gen() * c)), c);
        const p = matrix(b, c, () => 0.001 + gen());
        const smoothed = t.map((r) => r.map((v) => v * (1 - labelSmoothing) + labelSmoothing / c));
        const value = ours(new CategoricalCrossentropy({ labelSmoothing }), t, p);
        expectAgree(value, theirs(() => meanOfPerSample(tf.metrics.categoricalCrossentropy(tf.tensor(smoothed), tf.tensor(p)))));
      }),
      RUNS,
    );
  });

  it('CategoricalCrossentropy (logits, label smoothing) = tf.losses.softmaxCrossEntropy', () => {
    fc.assert(
      fc.property(shapes, fc.constantFrom(0, 0.1), ([b, c, seed], labelSmoothing) => {
        const gen = rng(seed);
        const t = oneHotRows(Array.from({ length: b }, () => Math.floor(gen() * c)), c);
        const x = matrix(b, c, () => 20 * gen() - 10);
        const value = ours(new CategoricalCrossentropy({ fromLogits: true, labelSmoothing }), t, x);
        expectAgree(value, theirs(() => tf.losses.softmaxCrossEntropy(tf.tensor(t), tf.tensor(x), undefined, labelSmoothing)));
      }),
      RUNS,
    );
  });

  it('SparseCategoricalCrossentropy = the tfjs categorical equivalents on tf.oneHot(labels)', () => {
    fc.assert(
      fc.property(shapes, fc.boolean(), ([b, c, seed], fromLogits) => {
        const gen = rng(seed);
        const labels = Array.from({ length: b }, () => Math.floor(gen() * c));
        const p = matrix(b, c, () => (fromLogits ? 20 * gen() - 10 : 0.001 + gen()));
        const value = ours(new SparseCategoricalCrossentropy({ fromLogits }), labels, p);
        const oneHot = (): tf.Tensor => tf.oneHot(tf.tensor1d(labels, 'int32'), c);
        const reference = fromLogits
          ? theirs(() => tf.losses.softmaxCrossEntropy(oneHot(), tf.tensor(p)))
          : theirs(() => meanOfPerSample(tf.metrics.categoricalCrossentropy(oneHot(), tf.tensor(p))));
        expectAgree(value, reference);
      }),
      RUNS,
    );
  });

  it("sample weights: reduction 'sum' = tf.losses with Reduction.SUM; the default divides that by the batch size", () => {
    fc.assert(
      fc.property(shapes, ([b, c, seed]) => {
        const gen = rng(seed);
        const labels = Array.from({ length: b }, () => Math.floor(gen() * c));
        const t = oneHotRows(labels, c);
        const x = matrix(b, c, () => 8 * gen() - 4);
        const w = Array.from({ length: b }, () => Math.fround(2 * gen()));
        const summed = theirs(() => tf.losses.softmaxCrossEntropy(tf.tensor(t), tf.tensor(x), tf.tensor(w), 0, tf.Reduction.SUM));
        expectAgree(ours(new CategoricalCrossentropy({ fromLogits: true, reduction: 'sum' }), t, x, w), summed);
        expectAgree(ours(new CategoricalCrossentropy({ fromLogits: true }), t, x, w), summed / b);
        expectAgree(ours(new SparseCategoricalCrossentropy({ fromLogits: true }), labels, x, w), summed / b);
        // element-wise losses: tfjs weighs each of the c elements of a row, Keras the row's mean
        const bce = theirs(() => tf.losses.sigmoidCrossEntropy(tf.tensor(t), tf.tensor(x), tf.tensor(w).reshape([b, 1]), 0, tf.Reduction.SUM));
        expectAgree(ours(new BinaryCrossentropy({ fromLogits: true }), t, x, w), bce / (b * c));
        const mse = theirs(() => tf.losses.meanSquaredError(tf.tensor(t), tf.tensor(x), tf.tensor(w).reshape([b, 1]), tf.Reduction.SUM));
        expectAgree(ours(new MeanSquaredError(), t, x, w), mse / (b * c));
      }),
      RUNS,
    );
  });

  it('extreme logits (±1e4) agree too', () => {
    const t = [[1, 0, 0], [0, 0, 1], [0, 1, 0]];
    const x = [[1e4, -1e4, 0], [1e4, -1e4, 0], [-1e4, 1e4, 3]];
    expectAgree(ours(new CategoricalCrossentropy({ fromLogits: true }), t, x), theirs(() => tf.losses.softmaxCrossEntropy(tf.tensor(t), tf.tensor(x))));
    expectAgree(ours(new SparseCategoricalCrossentropy({ fromLogits: true }), [0, 2, 1], x), theirs(() => tf.losses.softmaxCrossEntropy(tf.tensor(t), tf.tensor(x))));
    expectAgree(ours(new BinaryCrossentropy({ fromLogits: true }), t, x), theirs(() => tf.losses.sigmoidCrossEntropy(tf.tensor(t), tf.tensor(x))));
  });

  it('gradients with respect to logits agree with tf.grad', () => {
    const gen = rng(5);
    const t = oneHotRows([0, 2, 1], 3);
    const x = matrix(3, 3, () => 6 * gen() - 3);
    const w = [0.5, 1, 2];
    const loss = new CategoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.1 });
    const g = gradOf(loss, t, x, w);
    const tg = tf.tidy(() =>
      tf.grad((xs: tf.Tensor) => tf.div(tf.losses.softmaxCrossEntropy(tf.tensor(t), xs, tf.tensor(w), 0.1, tf.Reduction.SUM), 3))(tf.tensor(x)).dataSync(),
    );
    g.forEach((v, i) => expect(Math.abs(v - tg[i])).toBeLessThan(1e-6));
  });
});

/** Neurite's gradient of the loss with respect to the logits. */
function gradOf(loss: LossLike, t: Matrix, x: Matrix, w: number[]): number[] {
  const yt = tensor(t);
  const sw = tensor(w);
  return [...grad((xs: Tensor) => loss.call(yt, xs, sw))(tensor(x)).dataSync()];
}
