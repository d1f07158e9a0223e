import '@neurite/backend-cpu';
import { describe, expect, test } from 'vitest';
import { tensor } from '@neurite/tensor';
import { Dense, Input } from '@neurite/layers';
import { TerminateOnNaN } from '../src/callbacks/index.js';
import { Model } from '../src/models/model.js';
import { Sequential } from '../src/models/sequential.js';
import { matrix } from './model-helpers.js';

function classifier(): Sequential {
  return new Sequential({ layers: [new Dense({ units: 10, inputShape: [4], activation: 'softmax' })] });
}

describe('fit / evaluate / compile errors', () => {
  test('fit, evaluate and trainOnBatch before compile', async () => {
    const m = classifier();
    await expect(m.fit(tensor(matrix(4, 4, 1)), tensor(matrix(4, 10, 1)))).rejects.toThrow(/must be compiled first: call model.compile/);
    await expect(m.evaluate(tensor(matrix(4, 4, 1)), tensor(matrix(4, 10, 1)))).rejects.toThrow(/evaluate: .*compiled first/);
    expect(() => m.trainOnBatch(tensor(matrix(4, 4, 1)), tensor(matrix(4, 10, 1)))).toThrow(/trainOnBatch: .*compiled first/);
  });

  test('unknown optimizer, loss and metric names come from the getters', () => {
    const m = classifier();
    expect(() => m.compile({ optimizer: 'adamm', loss: 'mse' })).toThrow(/unknown optimizer 'adamm'/);
    expect(() => m.compile({ optimizer: 'adam', loss: 'categorical_crossentropyy' })).toThrow(/unknown loss 'categorical_crossentropyy'/);
    expect(() => m.compile({ optimizer: 'adam', loss: 'mse', metrics: ['acuracy'] })).toThrow(/unknown metric 'acuracy'/);
    expect(() => m.compile({ optimizer: 'adam' } as never)).toThrow(/loss is required/);
  });

  test('per-output arguments must match the outputs', () => {
    const x = Input({ shape: [2] });
    const m = new Model({ inputs: x, outputs: [new Dense({ units: 1, name: 'e_o1' }).apply(x), new Dense({ units: 1, name: 'e_o2' }).apply(x)] });
    expect(() => m.compile({ optimizer: 'sgd', loss: ['mse'] })).toThrow(/one entry per output \(2: \[e_o1, e_o2\]\). Received: 1 entries/);
    expect(() => m.compile({ optimizer: 'sgd', loss: { e_o3: 'mse' } })).toThrow(/key 'e_o3' that is not an output name/);
    expect(() => m.compile({ optimizer: 'sgd', loss: 'mse', lossWeights: { e_o1: Number.NaN } })).toThrow(/lossWeights for output 'e_o1' must be a finite number/);
    expect(() => m.compile({ optimizer: 'sgd', loss: [null, null] })).toThrow(/at least one output needs a loss/);
  });

  test('categorical crossentropy on integer labels names the loss, both shapes and the sparse loss', async () => {
    const m = classifier();
    m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    const labels = tensor([0, 3, 9, 1, 2, 2, 5, 7]);
    await expect(m.fit(tensor(matrix(8, 4, 1)), labels, { verbose: 0 })).rejects.toThrow(
      /CategoricalCrossentropy.*y has shape \[8\] and the output has shape \[8, 10\].*sparseCategoricalCrossentropy/,
    );
    await expect(m.evaluate(tensor(matrix(8, 4, 1)), labels)).rejects.toThrow(/sparseCategoricalCrossentropy/);
  });

  test('a sparse loss on one-hot labels suggests the categorical loss; other mismatches name the shapes', async () => {
    const m = classifier();
    m.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
    await expect(m.fit(tensor(matrix(8, 4, 1)), tensor(matrix(8, 10, 2)), { verbose: 0 })).rejects.toThrow(
      /SparseCategoricalCrossentropy.*\[8, 10\].*\[8, 10\].*use categoricalCrossentropy/,
    );
    const r = classifier();
    r.compile({ optimizer: 'adam', loss: 'mse' });
    await expect(r.fit(tensor(matrix(8, 4, 1)), tensor(matrix(8, 3, 2)), { verbose: 0 })).rejects.toThrow(
      /MeanSquaredError.*y has shape \[8, 3\] and the output has shape \[8, 10\]/,
    );
  });

  test('x and y with different numbers of samples', async () => {
    const m = classifier();
    m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    await expect(m.fit(tensor(matrix(8, 4, 1)), tensor(matrix(6, 10, 1)), { verbose: 0 })).rejects.toThrow(
      /x and y must have the same number of samples. Received: x has 8 samples, y has 6/,
    );
  });

  test('NaN in the data names x or y and the first index', async () => {
    const m = classifier();
    m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    const x = matrix(8, 4, 1);
    x[5][2] = Number.NaN;
    await expect(m.fit(tensor(x), tensor(matrix(8, 10, 1)), { verbose: 0 })).rejects.toThrow(/fit: x contains NaN at index \[5, 2\]/);
    const y = matrix(8, 10, 1);
    y[3][0] = Number.NaN;
    await expect(m.fit(tensor(matrix(8, 4, 1)), tensor(y), { verbose: 0 })).rejects.toThrow(/fit: y contains NaN at index \[3, 0\]/);
    await expect(m.evaluate(tensor(matrix(8, 4, 1)), tensor(y))).rejects.toThrow(/evaluate: y contains NaN/);
  });

  test('a non-finite loss stops fit with an error naming epoch and batch; TerminateOnNaN stops quietly', async () => {
    const x = matrix(16, 4, 3);
    x[9][1] = 1e38; // finite, but in the second batch of 8 the squared error overflows
    const y = matrix(16, 1, 4);
    const make = (): Sequential => {
      const m = new Sequential({ layers: [new Dense({ units: 1, inputShape: [4] })] });
      m.compile({ optimizer: 'sgd', loss: 'mse' });
      return m;
    };
    await expect(make().fit(tensor(x), tensor(y), { epochs: 2, batchSize: 8, shuffle: false, verbose: 0 })).rejects.toThrow(
      /the loss became (NaN|Infinity) at epoch 1\/2, batch 2\/2, so that step was not applied: the weights are as they were before it/,
    );
    const printed: string[] = [];
    const m = make();
    const h = await m.fit(tensor(x), tensor(y), {
      epochs: 2, batchSize: 8, shuffle: false, verbose: 0, callbacks: [new TerminateOnNaN({ print: (s) => printed.push(s) })],
    });
    expect(h.epoch).toEqual([0]);
    expect(printed).toHaveLength(1);
  });

  test('bad fit options are rejected with their names', async () => {
    const m = classifier();
    m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    const x = tensor(matrix(8, 4, 1));
    const y = tensor(matrix(8, 10, 1));
    await expect(m.fit(x, y, { epochs: 0 })).rejects.toThrow(/epochs must be a positive integer. Received: epochs=0/);
    await expect(m.fit(x, y, { batchSize: 2.5 })).rejects.toThrow(/batchSize must be a positive integer. Received: batchSize=2.5/);
    await expect(m.fit(x, y, { validationSplit: 1 })).rejects.toThrow(/validationSplit must be a number in \[0, 1\)/);
    await expect(m.fit(x, y, { validationSplit: 0.9, verbose: 0 })).rejects.toThrow(/validationSplit=0.9 of 8 samples leaves 0 for training and 8 for validation/);
    await expect(m.fit(x, y, { verbose: 3 as never })).rejects.toThrow(/verbose must be 0, 1 or 2/);
    await expect(m.fit(x, y, { epochs: 2, initialEpoch: 2 })).rejects.toThrow(/initialEpoch must be an integer in \[0, epochs\)/);
    await expect(m.fit(x, y, { epoch: 2 } as never)).rejects.toThrow(/fit: unknown option 'epoch' \(did you mean 'epochs'\?\)/);
    await expect(m.fit(x, y, { classWeight: { a: 1 } as never })).rejects.toThrow(/classWeight keys must be class indices/);
    await expect(m.fit(x, y, { callbacks: [{}] as never })).rejects.toThrow(/callbacks\[0\] must be a Callback/);
    expect(() => m.predict(x, { batchSize: 0 })).toThrow(/predict: batchSize must be a positive integer/);
  });

  test('the wrong number of input or output tensors', async () => {
    const a = Input({ shape: [2], name: 'w_a' });
    const b = Input({ shape: [2], name: 'w_b' });
    const m = new Model({ inputs: [a, b], outputs: new Dense({ units: 1, name: 'w_out' }).apply(a) });
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tensor(matrix(4, 2, 1));
    await expect(m.fit(x, tensor(matrix(4, 1, 1)))).rejects.toThrow(/the model has 2 inputs \[w_a, w_b\], but x holds 1 tensor/);
    await expect(m.fit([x, x], [tensor(matrix(4, 1, 1)), tensor(matrix(4, 1, 1))])).rejects.toThrow(/1 outputs \[w_out\], but y holds 2/);
    await expect(m.fit({ w_a: x, w_c: x }, tensor(matrix(4, 1, 1)))).rejects.toThrow(/key 'w_c' that is none of the model's inputs/);
  });
});
