import '@neurite/backend-cpu';
import { describe, expect, test } from 'vitest';
import { tensor, type Tensor } from '@neurite/tensor';
import { Dense, Dropout, Flatten, Input, InputLayer } from '@neurite/layers';
import { Sequential } from '../src/models/sequential.js';
import { sequential } from '../src/models/factories.js';
import { denseRef, matrix, rows } from './model-helpers.js';

describe('Sequential', () => {
  test('inputShape on the first layer builds the model at once', () => {
    const m = new Sequential({ layers: [new Dense({ units: 4, inputShape: [3] }), new Dense({ units: 2 })] });
    expect(m.built).toBe(true);
    expect(m.name).toMatch(/^sequential(_\d+)?$/);
    expect(m.layers.map((l) => l.className)).toEqual(['Dense', 'Dense']);
    expect(m.inputs[0].shape).toEqual([null, 3]);
    expect(m.outputs[0].shape).toEqual([null, 2]);
    expect(m.weights.map((w) => w.shape)).toEqual([[3, 4], [4], [4, 2], [2]]);
    const xs = matrix(5, 3, 11);
    const [w1, b1, w2, b2] = m.getWeights().map((t) => t.arraySync()) as [number[][], number[], number[][], number[]];
    const expected = denseRef(denseRef(xs, w1, b1), w2, b2);
    rows(m.predict(tensor(xs)) as Tensor).forEach((r, i) => r.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 5)));
  });

  test('deferred build: no weights until the first call, then built from the data shape', () => {
    const m = sequential({ layers: [new Dense({ units: 4 }), new Dense({ units: 1 })] });
    expect(m.built).toBe(false);
    expect(m.weights).toHaveLength(0);
    expect(m.outputNames).toEqual([m.layers[1].name]);
    const out = m.predict(tensor(matrix(6, 5, 2))) as Tensor;
    expect(out.shape).toEqual([6, 1]);
    expect(m.built).toBe(true);
    expect(m.inputs[0].shape).toEqual([null, 5]);
    expect(m.weights.map((w) => w.shape)).toEqual([[5, 4], [4], [4, 1], [1]]);
    // Calling it like a layer works too, and keeps the same weights.
    expect((m.apply(tensor(matrix(2, 5, 3))) as Tensor).shape).toEqual([2, 1]);
    expect(m.weights).toHaveLength(4);
  });

  test('deferred build through fit (compile before the shape is known)', async () => {
    const m = new Sequential();
    m.add(new Dense({ units: 1 }));
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const h = await m.fit(tensor(matrix(8, 3, 1)), tensor(matrix(8, 1, 2)), { epochs: 2, verbose: 0 });
    expect(h.history.loss).toHaveLength(2);
    expect(m.countParams()).toBe(4);
  });

  test('an InputLayer or Input(...) added first fixes the input shape', () => {
    const a = new Sequential();
    a.add(new InputLayer({ inputShape: [2, 3] }));
    a.add(new Flatten());
    a.add(new Dense({ units: 2 }));
    expect(a.outputs[0].shape).toEqual([null, 2]);
    expect(a.layers.map((l) => l.className)).toEqual(['Flatten', 'Dense']);
    const b = new Sequential({ layers: [Input({ shape: [7] }), new Dense({ units: 3 })] });
    expect(b.weights.map((w) => w.shape)).toEqual([[7, 3], [3]]);
  });

  test('pop removes the last layer', () => {
    const m = new Sequential({ layers: [new Dense({ units: 4, inputShape: [3] }), new Dropout({ rate: 0.1 }), new Dense({ units: 2 })] });
    m.pop();
    expect(m.layers.map((l) => l.className)).toEqual(['Dense', 'Dropout']);
    expect(m.outputs[0].shape).toEqual([null, 4]);
    expect((m.predict(tensor(matrix(2, 3, 1))) as Tensor).shape).toEqual([2, 4]);
  });

  test('getConfig / fromConfig rebuild the same architecture', () => {
    const m = new Sequential({ layers: [new Dense({ units: 4, inputShape: [3], activation: 'relu' }), new Dense({ units: 2 })] });
    const config = m.getConfig();
    const copy = Sequential.fromConfig(config) as Sequential;
    expect(copy).toBeInstanceOf(Sequential);
    expect(copy.countParams()).toBe(m.countParams());
    expect(copy.outputs[0].shape).toEqual([null, 2]);
    expect(copy.layers.map((l) => l.className)).toEqual(['Dense', 'Dense']);
  });

  test('errors: input not first, duplicate names, not a layer, empty pop, shape mismatch', () => {
    const m = new Sequential({ layers: [new Dense({ units: 2, inputShape: [3], name: 'seq_dup' })] });
    expect(() => m.add(new InputLayer({ inputShape: [3] }))).toThrow(/can only be added first/);
    expect(() => m.add(new Dense({ units: 2, name: 'seq_dup' }))).toThrow(/unique names?; 'seq_dup'/);
    expect(() => m.add({} as never)).toThrow(/expected a Layer/);
    expect(() => new Sequential().pop()).toThrow(/has no layers/);
    expect(() => m.predict(tensor(matrix(2, 4, 1)))).toThrow(/does not fit the declared shape \[null, 3\]/);
    // A failed add leaves the model as it was.
    const unknownWidth = new Sequential({ layers: [Input({ shape: [null] })] });
    expect(() => unknownWidth.add(new Dense({ units: 2 }))).toThrow(/known last axis/);
    expect(unknownWidth.layers).toHaveLength(0);
    m.add(new Dense({ units: 5 }));
    expect(() => m.add(new Dense({ units: 1, inputShape: [9] }))).not.toThrow();
    expect(m.outputs[0].shape).toEqual([null, 1]);
    expect(() => new Sequential({ layers: 'dense' as never })).toThrow(/layers must be an array/);
  });
});
