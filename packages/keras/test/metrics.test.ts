import '@neurite/backend-cpu';
import { NeuriteError, memory, tensor, type Tensor } from '@neurite/tensor';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy } from '../src/losses/index.js';
import {
  Accuracy, BinaryAccuracy, CategoricalAccuracy, Mean, MeanAbsoluteErrorMetric, MeanMetricWrapper, MeanSquaredErrorMetric,
  SparseCategoricalAccuracy, SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy, deserializeMetric, getMetric, metrics,
  type MetricLike,
} from '../src/metrics/index.js';
import { argmax, close, inTopK, matrix, meanOf, oneHotRows, rng, type Matrix } from './losses-reference.js';

/** One batch as the metric takes it, plus the per-sample values the plain-JS reference expects. */
interface Batch {
  yTrue: Matrix | number[];
  yPred: Matrix;
  weights?: number[];
  expected: number[];
}

type BatchMaker = (b: number, c: number, gen: () => number) => Omit<Batch, 'weights'>;

/** Streams batches through the metric; the reference is Σ vᵢwᵢ / Σ wᵢ over every sample seen. */
function streamAndCompare(metric: MetricLike, batches: Batch[]): void {
  metric.resetState();
  let num = 0;
  let den = 0;
  for (const { yTrue, yPred, weights, expected } of batches) {
    metric.updateState(tensor(yTrue), tensor(yPred), weights === undefined ? undefined : tensor(weights));
    expected.forEach((v, i) => {
      const w = weights?.[i] ?? 1;
      num += v * w;
      den += w;
    });
    expect(close(metric.result(), den === 0 ? 0 : num / den, 1e-6, 1e-6)).toBe(true);
  }
}

const streams = fc.tuple(
  fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }),
  fc.integer({ min: 2, max: 6 }),
  fc.integer(),
  fc.boolean(),
);

function propertyFor(make: () => MetricLike, batch: BatchMaker): void {
  fc.assert(
    fc.property(streams, ([sizes, c, seed, weighted]) => {
      const gen = rng(seed);
      const batches = sizes.map((b) => ({
        ...batch(b, c, gen),
        weights: weighted ? Array.from({ length: b }, () => Math.fround(2 * gen())) : undefined,
      }));
      streamAndCompare(make(), batches);
    }),
    { numRuns: 30 },
  );
}

const labelsOf = (b: number, c: number, gen: () => number): number[] => Array.from({ length: b }, () => Math.floor(gen() * c));

describe('metrics stream over batches like the plain-JS reference', () => {
  it('Accuracy: exact matches, averaged over the last axis per sample', () => {
    propertyFor(() => new Accuracy(), (b, c, gen) => {
      const yTrue = matrix(b, c, () => Math.floor(gen() * 3));
      const yPred = matrix(b, c, () => Math.floor(gen() * 3));
      return { yTrue, yPred, expected: yTrue.map((r, i) => meanOf(r.map((v, j) => (v === yPred[i][j] ? 1 : 0)))) };
    });
  });

  for (const threshold of [0.5, 0.8, 0]) {
    it(`BinaryAccuracy (threshold ${threshold}): predictions above the threshold count as 1`, () => {
      propertyFor(() => new BinaryAccuracy({ threshold }), (b, c, gen) => {
        const yTrue = matrix(b, c, () => (gen() < 0.5 ? 0 : 1));
        const yPred = matrix(b, c, () => (threshold === 0 ? 2 * gen() - 1 : gen()));
        return { yTrue, yPred, expected: yTrue.map((r, i) => meanOf(r.map((v, j) => ((yPred[i][j] > threshold ? 1 : 0) === v ? 1 : 0)))) };
      });
    });
  }

  it('CategoricalAccuracy: argmax of yPred equals argmax of the one-hot label', () => {
    propertyFor(() => new CategoricalAccuracy(), (b, c, gen) => {
      const labels = labelsOf(b, c, gen);
      const yPred = matrix(b, c, gen);
      return { yTrue: oneHotRows(labels, c), yPred, expected: labels.map((l, i) => (argmax(yPred[i]) === l ? 1 : 0)) };
    });
  });

  it('SparseCategoricalAccuracy: argmax of yPred equals the integer label', () => {
    propertyFor(() => new SparseCategoricalAccuracy(), (b, c, gen) => {
      const labels = labelsOf(b, c, gen);
      const yPred = matrix(b, c, gen);
      return { yTrue: labels, yPred, expected: labels.map((l, i) => (argmax(yPred[i]) === l ? 1 : 0)) };
    });
  });

  for (const k of [1, 2, 5]) {
    it(`TopKCategoricalAccuracy and SparseTopKCategoricalAccuracy (k=${k})`, () => {
      propertyFor(() => new TopKCategoricalAccuracy({ k }), (b, c, gen) => {
        const labels = labelsOf(b, c, gen);
        const yPred = matrix(b, c, gen);
        return { yTrue: oneHotRows(labels, c), yPred, expected: labels.map((l, i) => (inTopK(l, yPred[i], k) ? 1 : 0)) };
      });
      propertyFor(() => new SparseTopKCategoricalAccuracy({ k }), (b, c, gen) => {
        const labels = labelsOf(b, c, gen);
        const yPred = matrix(b, c, gen);
        return { yTrue: labels.map((l) => [l]), yPred, expected: labels.map((l, i) => (inTopK(l, yPred[i], k) ? 1 : 0)) };
      });
    });
  }

  it('MeanSquaredError and MeanAbsoluteError: per-sample errors averaged over samples', () => {
    const errors = (f: (d: number) => number) => (b: number, c: number, gen: () => number) => {
      const yTrue = matrix(b, c, () => 4 * gen() - 2);
      const yPred = matrix(b, c, () => 4 * gen() - 2);
      return { yTrue, yPred, expected: yTrue.map((r, i) => meanOf(r.map((v, j) => f(yPred[i][j] - v)))) };
    };
    propertyFor(() => new MeanSquaredErrorMetric(), errors((d) => d * d));
    propertyFor(() => new MeanAbsoluteErrorMetric(), errors(Math.abs));
  });

  it('resetState starts over; result is 0 before any update', () => {
    const m = new SparseCategoricalAccuracy();
    expect(m.result()).toBe(0);
    m.updateState(tensor([0, 1]), tensor([[0.9, 0.1], [0.8, 0.2]]));
    expect(m.result()).toBeCloseTo(0.5, 9);
    m.resetState();
    expect(m.result()).toBe(0);
    m.updateState(tensor([1]), tensor([[0.1, 0.9]]));
    expect(m.result()).toBe(1);
  });

  it('a batch weighs by its samples: 1 of 1 then 0 of 3 is 0.25, not the mean of batch means', () => {
    const m = new BinaryAccuracy();
    m.updateState(tensor([[1]]), tensor([[0.9]]));
    m.updateState(tensor([[1], [1], [1]]), tensor([[0.1], [0.2], [0.3]]));
    expect(m.result()).toBeCloseTo(0.25, 9);
  });

  it('top-k counts ties at the boundary as hits (as in_top_k)', () => {
    const m = new SparseTopKCategoricalAccuracy({ k: 1 });
    m.updateState(tensor([2, 0]), tensor([[0.5, 0.5, 0.5], [0.2, 0.7, 0.1]]));
    expect(m.result()).toBeCloseTo(0.5, 9);
  });

  it('labels [batch] and [batch, 1], int32 or float32, are all accepted', () => {
    const p = tensor([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]]);
    for (const y of [tensor([1, 0, 0]), tensor([[1], [0], [0]]), tensor([1, 0, 0], undefined, 'int32')]) {
      const m = new SparseCategoricalAccuracy();
      m.updateState(y, p);
      expect(m.result()).toBeCloseTo(2 / 3, 6);
    }
    const b = new BinaryAccuracy();
    b.updateState(tensor([1, 0, 1]), tensor([[0.9], [0.2], [0.4]]));
    expect(b.result()).toBeCloseTo(2 / 3, 6);
  });
});

describe('Mean', () => {
  it('averages losses over batches weighted by batch size (as the trainer feeds it)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.float({ min: 0, max: 10, noNaN: true }), fc.integer({ min: 1, max: 64 })), { minLength: 1, maxLength: 8 }), (steps) => {
        const m = new Mean({ name: 'loss' });
        for (const [loss, size] of steps) m.updateState(tensor(loss), size);
        const expected = steps.reduce((s, [l, n]) => s + Math.fround(l) * n, 0) / steps.reduce((s, [, n]) => s + n, 0);
        expect(close(m.result(), expected, 1e-6, 1e-6)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('takes numbers, per-sample values and weights; unweighted scalars count once', () => {
    const m = new Mean();
    m.updateState(2);
    m.updateState(4);
    expect(m.result()).toBe(3);
    m.resetState();
    m.updateState(tensor([1, 2, 3]), tensor([1, 0, 1]));
    expect(m.result()).toBe(2);
    m.updateState([[10, 20]]); // one sample whose value is the mean of its row: 15
    expect(m.result()).toBeCloseTo((1 + 3 + 15) / 3, 6);
    expect(m.name).toBe('mean');
  });

  it('rejects a bad value', () => {
    expect(() => new Mean().updateState('x' as never)).toThrow(/Mean: values must be a Tensor or an array\. Received: values='x'/);
  });
});

describe('getMetric', () => {
  const accuracyCases: [string | undefined | object, string, number?][] = [
    ['sparse_categorical_crossentropy', 'SparseCategoricalAccuracy'],
    ['sparseCategoricalCrossentropy', 'SparseCategoricalAccuracy'],
    ['categorical_crossentropy', 'CategoricalAccuracy'],
    ['binary_crossentropy', 'BinaryAccuracy', 0.5],
    ['mse', 'Accuracy'],
    [undefined, 'Accuracy'],
    [new SparseCategoricalCrossentropy({ fromLogits: true }), 'SparseCategoricalAccuracy'],
    [new CategoricalCrossentropy(), 'CategoricalAccuracy'],
    [new BinaryCrossentropy({ fromLogits: true }), 'BinaryAccuracy', 0],
    [{ className: 'BinaryCrossentropy', config: { from_logits: true } }, 'BinaryAccuracy', 0],
  ];
  it.each(accuracyCases)("'accuracy' with loss %s is %s", (loss, className, threshold) => {
    for (const name of ['accuracy', 'acc']) {
      const m = getMetric(name, { loss: loss as never }) as BinaryAccuracy;
      expect(m.constructor.name).toBe(className);
      expect(m.name).toBe(name);
      if (threshold !== undefined) expect(m.threshold).toBe(threshold);
    }
  });

  const named: [string, new () => MetricLike][] = [
    ['mse', MeanSquaredErrorMetric], ['mean_squared_error', MeanSquaredErrorMetric], ['meanSquaredError', MeanSquaredErrorMetric],
    ['mae', MeanAbsoluteErrorMetric], ['mean_absolute_error', MeanAbsoluteErrorMetric],
    ['binary_accuracy', BinaryAccuracy], ['binaryAccuracy', BinaryAccuracy],
    ['categorical_accuracy', CategoricalAccuracy], ['categoricalAccuracy', CategoricalAccuracy],
    ['sparse_categorical_accuracy', SparseCategoricalAccuracy], ['sparseCategoricalAccuracy', SparseCategoricalAccuracy],
    ['top_k_categorical_accuracy', TopKCategoricalAccuracy], ['topKCategoricalAccuracy', TopKCategoricalAccuracy],
    ['sparse_top_k_categorical_accuracy', SparseTopKCategoricalAccuracy], ['sparseTopKCategoricalAccuracy', SparseTopKCategoricalAccuracy],
  ];
  it.each(named)("'%s' resolves by name and logs under the name as given (Keras 3)", (name, cls) => {
    const m = getMetric(name);
    expect(m).toBeInstanceOf(cls);
    expect(m.name).toBe(name);
  });

  it("default names follow Keras ('accuracy', 'sparse_categorical_accuracy', 'mean_squared_error', k=5)", () => {
    expect(new Accuracy().name).toBe('accuracy');
    expect(new SparseCategoricalAccuracy().name).toBe('sparse_categorical_accuracy');
    expect(new MeanSquaredErrorMetric().name).toBe('mean_squared_error');
    expect(new TopKCategoricalAccuracy().getConfig()).toEqual({ name: 'top_k_categorical_accuracy', k: 5 });
    expect(new BinaryAccuracy().getConfig()).toEqual({ name: 'binary_accuracy', threshold: 0.5 });
  });

  it('returns metric objects as they are, wraps functions, and rebuilds { className, config }', () => {
    const m = new TopKCategoricalAccuracy({ k: 2 });
    expect(getMetric(m)).toBe(m);
    const wrapped = getMetric(function maxError(t: Tensor, p: Tensor) {
      return p.sub(t).abs().max({ axis: -1 });
    });
    expect(wrapped).toBeInstanceOf(MeanMetricWrapper);
    expect(wrapped.name).toBe('maxError');
    wrapped.updateState(tensor([[0, 0], [1, 1]]), tensor([[1, 3], [1, 2]]));
    expect(wrapped.result()).toBe(2);
    const rebuilt = getMetric({ className: 'SparseTopKCategoricalAccuracy', config: { k: 3, name: 'top3' } }) as SparseTopKCategoricalAccuracy;
    expect([rebuilt.k, rebuilt.name]).toEqual([3, 'top3']);
    expect(() => deserializeMetric({ className: 'AUC' })).toThrow(/unknown metric class 'AUC'/);
  });

  it('an unknown name lists the known ones', () => {
    expect(() => getMetric('acuracy')).toThrow(
      /getMetric: unknown metric 'acuracy'; known: accuracy, acc, binary_accuracy, .*mae\. Received: metric='acuracy'/,
    );
    expect(() => getMetric(7 as never)).toThrow(NeuriteError);
  });

  it('the metrics namespace holds classes and factories', () => {
    expect(metrics.topKCategoricalAccuracy({ k: 3 }).k).toBe(3);
    expect(new metrics.MeanSquaredError()).toBeInstanceOf(MeanSquaredErrorMetric);
    expect(metrics.get('acc', { loss: 'categorical_crossentropy' })).toBeInstanceOf(CategoricalAccuracy);
  });
});

describe('errors', () => {
  it('bad options are rejected, never clamped', () => {
    expect(() => new TopKCategoricalAccuracy({ k: 0 })).toThrow(/TopKCategoricalAccuracy: k must be an integer >= 1\. Received: k=0/);
    expect(() => new SparseTopKCategoricalAccuracy({ k: 2.5 })).toThrow(/k must be an integer >= 1\. Received: k=2.5/);
    expect(() => new BinaryAccuracy({ threshold: Number.NaN })).toThrow(/threshold must be a finite number\. Received: threshold=NaN/);
    expect(() => new Accuracy({ name: '' })).toThrow(/Accuracy: name must be a non-empty string/);
    expect(() => new CategoricalAccuracy({ k: 3 } as never)).toThrow(/CategoricalAccuracy: unknown option 'k'; the options are 'name'. Received: k=3/);
  });

  it('shapes that do not fit name the metric and both shapes', () => {
    expect(() => new CategoricalAccuracy().updateState(tensor([[1], [0]]), tensor([[0.2, 0.8], [0.6, 0.4]]))).toThrow(
      /CategoricalAccuracy: .*use SparseCategoricalAccuracy.*yTrue\.shape=\[2,1\], yPred\.shape=\[2,2\]/,
    );
    expect(() => new SparseCategoricalAccuracy().updateState(tensor([0, 1, 1]), tensor([[0.2, 0.8], [0.6, 0.4]]))).toThrow(
      /SparseCategoricalAccuracy: yTrue must hold one class label per sample.*yTrue\.shape=\[3\], yPred\.shape=\[2,2\]/,
    );
    expect(() => new SparseTopKCategoricalAccuracy().updateState(tensor([0, 3]), tensor([[0.2, 0.8], [0.6, 0.4]]))).toThrow(
      /labels in \[0, 2\)\. Received: yTrue\[1\]=3/,
    );
    expect(() => new BinaryAccuracy().updateState(tensor([[1, 0]]), tensor([[1], [0]]), tensor([1, 1]))).toThrow(/BinaryAccuracy: yTrue and yPred/);
    expect(() => new Accuracy().updateState(tensor([[1], [0]]), tensor([[1], [0]]), tensor([1, 1, 1]))).toThrow(
      /Accuracy: sampleWeight must be a scalar or have shape \[2\]/,
    );
  });

  it('a failed update leaves the state as it was', () => {
    const m = new CategoricalAccuracy();
    m.updateState(tensor([[0, 1]]), tensor([[0.2, 0.8]]));
    expect(() => m.updateState(tensor([[0, 1, 0]]), tensor([[0.2, 0.8]]))).toThrow();
    expect(m.result()).toBe(1);
  });
});

describe('memory', () => {
  it('no tensor outlives updateState or result, for every metric', () => {
    const cases: [MetricLike, Tensor, Tensor][] = [
      [new Accuracy(), tensor([[1, 0]]), tensor([[1, 1]])],
      [new BinaryAccuracy(), tensor([[1, 0]]), tensor([[0.7, 0.1]])],
      [new CategoricalAccuracy(), tensor([[1, 0]]), tensor([[0.7, 0.3]])],
      [new SparseCategoricalAccuracy(), tensor([1]), tensor([[0.7, 0.3]])],
      [new TopKCategoricalAccuracy({ k: 1 }), tensor([[1, 0]]), tensor([[0.7, 0.3]])],
      [new SparseTopKCategoricalAccuracy({ k: 1 }), tensor([1]), tensor([[0.7, 0.3]])],
      [new MeanSquaredErrorMetric(), tensor([[1, 0]]), tensor([[0.7, 0.3]])],
      [new MeanAbsoluteErrorMetric(), tensor([[1, 0]]), tensor([[0.7, 0.3]])],
    ];
    const w = tensor([2]);
    for (const [m, t, p] of cases) {
      const before = memory().numTensors;
      for (let i = 0; i < 3; i++) {
        m.updateState(t, p, w);
        m.result();
      }
      expect(memory().numTensors).toBe(before);
    }
    const mean = new Mean();
    const before = memory().numTensors;
    mean.updateState(3.5, 32);
    mean.updateState([1, 2]);
    expect(memory().numTensors).toBe(before);
  });
});
