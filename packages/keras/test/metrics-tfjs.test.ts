import '@neurite/backend-cpu';
import * as tf from '@tensorflow/tfjs';
import { tensor } from '@neurite/tensor';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BinaryAccuracy, CategoricalAccuracy, MeanAbsoluteErrorMetric, MeanSquaredErrorMetric, SparseCategoricalAccuracy, type MetricLike,
} from '../src/metrics/index.js';
import { matrix, oneHotRows, rng, type Matrix } from './losses-reference.js';

// Streaming metrics against TensorFlow.js 4.22's per-sample metric functions, concatenated over batches.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

type Maker = (b: number, c: number, gen: () => number) => { yTrue: Matrix | number[]; yPred: Matrix };

function agreeOverBatches(metric: () => MetricLike, reference: (t: tf.Tensor, p: tf.Tensor) => tf.Tensor, make: Maker): void {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 2, max: 5 }), fc.integer(), (sizes, c, seed) => {
      const gen = rng(seed);
      const m = metric();
      const perSample: number[] = [];
      for (const b of sizes) {
        const { yTrue, yPred } = make(b, c, gen);
        m.updateState(tensor(yTrue), tensor(yPred));
        perSample.push(...tf.tidy(() => reference(tf.tensor(yTrue), tf.tensor(yPred)).dataSync()));
      }
      const expected = perSample.reduce((s, v) => s + v, 0) / perSample.length;
      expect(Math.abs(m.result() - expected)).toBeLessThanOrEqual(1e-5 * Math.max(1, expected));
    }),
    { numRuns: 25 },
  );
}

const labels = (b: number, c: number, gen: () => number): number[] => Array.from({ length: b }, () => Math.floor(gen() * c));

describe('streaming metrics agree with tf.metrics (TensorFlow.js 4.22)', () => {
  it('BinaryAccuracy = tf.metrics.binaryAccuracy', () => {
    agreeOverBatches(() => new BinaryAccuracy(), tf.metrics.binaryAccuracy, (b, c, gen) => ({
      yTrue: matrix(b, c, () => (gen() < 0.5 ? 0 : 1)),
      yPred: matrix(b, c, gen),
    }));
  });

  it('CategoricalAccuracy = tf.metrics.categoricalAccuracy', () => {
    agreeOverBatches(() => new CategoricalAccuracy(), tf.metrics.categoricalAccuracy, (b, c, gen) => ({
      yTrue: oneHotRows(labels(b, c, gen), c),
      yPred: matrix(b, c, gen),
    }));
  });

  it('SparseCategoricalAccuracy = tf.metrics.sparseCategoricalAccuracy', () => {
    agreeOverBatches(() => new SparseCategoricalAccuracy(), tf.metrics.sparseCategoricalAccuracy, (b, c, gen) => ({
      yTrue: labels(b, c, gen).map((l) => [l]),
      yPred: matrix(b, c, gen),
    }));
  });

  it('MeanSquaredError and MeanAbsoluteError = tf.metrics.meanSquaredError / meanAbsoluteError', () => {
    const regression: Maker = (b, c, gen) => ({ yTrue: matrix(b, c, () => 4 * gen() - 2), yPred: matrix(b, c, () => 4 * gen() - 2) });
    agreeOverBatches(() => new MeanSquaredErrorMetric(), tf.metrics.meanSquaredError, regression);
    agreeOverBatches(() => new MeanAbsoluteErrorMetric(), tf.metrics.meanAbsoluteError, regression);
  });
});
