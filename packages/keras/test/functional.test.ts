import '@neurite/backend-cpu';
import { describe, expect, test } from 'vitest';
import { memory, tensor, type Tensor } from '@neurite/tensor';
import { Dense, Dropout, Input, InputLayer } from '@neurite/layers';
import { Model } from '../src/models/model.js';
import { model as modelFactory } from '../src/models/factories.js';
import { AddTwo, denseRef, matrix, rows } from './model-helpers.js';

describe('functional Model: graph', () => {
  test('two inputs and two outputs: layers in order, output names, predict shapes', () => {
    const a = Input({ shape: [4], name: 'fa' });
    const b = Input({ shape: [3], name: 'fb' });
    const ha = new Dense({ units: 5, activation: 'tanh', name: 'fha' }).apply(a);
    const hb = new Dense({ units: 5, activation: 'tanh', name: 'fhb' }).apply(b);
    const h = new AddTwo({ name: 'fadd' }).apply([ha, hb]) as unknown as typeof ha;
    const reg = new Dense({ units: 1, name: 'freg' }).apply(h);
    const cls = new Dense({ units: 3, activation: 'softmax', name: 'fcls' }).apply(h);
    const m = new Model({ inputs: [a, b], outputs: [reg, cls], name: 'two_by_two' });
    expect(m.name).toBe('two_by_two');
    expect(m.layers.map((l) => l.name)).toEqual(['fa', 'fb', 'fha', 'fhb', 'fadd', 'freg', 'fcls']);
    expect(m.inputNames).toEqual(['fa', 'fb']);
    expect(m.outputNames).toEqual(['freg', 'fcls']);
    expect(m.countParams()).toBe(4 * 5 + 5 + 3 * 5 + 5 + 6 + 18);
    const out = m.predict([tensor(matrix(7, 4, 1)), tensor(matrix(7, 3, 2))]) as Tensor[];
    expect(out.map((t) => t.shape)).toEqual([[7, 1], [7, 3]]);
    // Softmax rows sum to 1: the class head really ran on the summed features.
    for (const row of rows(out[1])) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    // Records by input name work as well as lists.
    const again = m.predict({ fa: tensor(matrix(7, 4, 1)), fb: tensor(matrix(7, 3, 2)) }) as Tensor[];
    expect(rows(again[0])).toEqual(rows(out[0]));
  });

  test('outputs match a plain-JS forward pass', () => {
    const x = Input({ shape: [3] });
    const d1 = new Dense({ units: 4 });
    const d2 = new Dense({ units: 2 });
    const m = new Model({ inputs: x, outputs: d2.apply(d1.apply(x)) });
    const xs = matrix(5, 3, 7);
    const [w1, b1, w2, b2] = m.getWeights().map((t) => t.arraySync()) as [number[][], number[], number[][], number[]];
    const expected = denseRef(denseRef(xs, w1, b1), w2, b2);
    const got = rows(m.predict(tensor(xs)) as Tensor);
    got.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 5)));
  });

  test('a shared layer is listed once, has one set of weights and runs on both inputs', () => {
    const a = Input({ shape: [4] });
    const b = Input({ shape: [4] });
    const shared = new Dense({ units: 2 });
    const m = new Model({ inputs: [a, b], outputs: [shared.apply(a), shared.apply(b)] });
    expect(m.layers.filter((l) => l === shared)).toHaveLength(1);
    expect(m.nodesOf(shared)).toHaveLength(2);
    expect(m.weights).toHaveLength(2);
    expect(m.countParams()).toBe(10);
    const xa = matrix(3, 4, 3);
    const xb = matrix(3, 4, 4);
    const [w, bias] = shared.getWeights().map((t) => t.arraySync()) as [number[][], number[]];
    const [oa, ob] = m.predict([tensor(xa), tensor(xb)]) as Tensor[];
    const ea = denseRef(xa, w, bias);
    const eb = denseRef(xb, w, bias);
    rows(oa).forEach((r, i) => r.forEach((v, j) => expect(v).toBeCloseTo(ea[i][j], 5)));
    rows(ob).forEach((r, i) => r.forEach((v, j) => expect(v).toBeCloseTo(eb[i][j], 5)));
  });

  test('a model is usable as a layer inside another model', () => {
    const innerIn = Input({ shape: [3] });
    const inner = new Model({ inputs: innerIn, outputs: new Dense({ units: 2 }).apply(innerIn), name: 'inner' });
    const x = Input({ shape: [3] });
    const head = new Dense({ units: 1 });
    const outer = modelFactory({ inputs: x, outputs: head.apply(inner.apply(x)) });
    expect(outer.layers.map((l) => l.className)).toEqual(['InputLayer', 'Functional', 'Dense']);
    expect(outer.countParams()).toBe(8 + 3);
    const xs = tensor(matrix(4, 3, 5));
    const viaParts = head.apply(inner.apply(xs) as Tensor);
    expect(rows(outer.predict(xs) as Tensor)).toEqual(rows(viaParts));
    // Freezing the inner model freezes its layers.
    inner.trainable = false;
    expect(outer.trainableWeights).toHaveLength(2);
    expect(outer.nonTrainableWeights).toHaveLength(2);
  });

  test('getWeights / setWeights round-trip; setWeights checks count and shapes', () => {
    const x = Input({ shape: [2] });
    const m = new Model({ inputs: x, outputs: new Dense({ units: 3, name: 'sw_dense' }).apply(x) });
    const values = [tensor([[1, 2, 3], [4, 5, 6]]), tensor([7, 8, 9])];
    m.setWeights(values);
    expect(m.getWeights().map((t) => t.arraySync())).toEqual(values.map((t) => t.arraySync()));
    expect(() => m.setWeights([values[0]])).toThrow(/expected 2 tensors. Received: 1/);
    expect(() => m.setWeights([tensor([[1, 2, 3]]), values[1]])).toThrow(/sw_dense\/kernel' has shape \[2, 3\], the value given has \[1, 3\]/);
  });

  test('model.losses collects every layer penalty (weights and activity)', () => {
    const x = Input({ shape: [2] });
    const d = new Dense({ units: 2, kernelRegularizer: { className: 'L2', config: { l2: 0.5 } }, activityRegularizer: { className: 'L1', config: { l1: 0.1 } } });
    const m = new Model({ inputs: x, outputs: d.apply(x) });
    m.setWeights([tensor([[1, -2], [3, 0.5]]), tensor([0, 1])]);
    m.predict(tensor([[1, 1], [2, -1]]));
    const losses = m.losses.map((t) => t.dataSync()[0]);
    // kernel: 0.5 * (1 + 4 + 9 + 0.25); activity: outputs [[4, -0.5], [-1, -3.5]] -> 0.1 * 9 / 2 samples.
    expect(losses[0]).toBeCloseTo(7.125, 5);
    expect(losses[1]).toBeCloseTo(0.45, 5);
  });

  test('node.training fixed at call time overrides the mode', () => {
    const x = Input({ shape: [50] });
    const alwaysOn = new Dropout({ rate: 0.5 }).apply(x, { training: true });
    const m = new Model({ inputs: x, outputs: alwaysOn });
    const out = (m.predict(tensor([Array(50).fill(1)])) as Tensor).dataSync();
    expect([...out].some((v) => v === 0)).toBe(true);
  });

  test('errors: not an Input, disconnected graph, duplicate names, wrong input count', () => {
    const x = Input({ shape: [2] });
    const h = new Dense({ units: 2 }).apply(x);
    expect(() => new Model({ inputs: h, outputs: h })).toThrow(/inputs\[0\] must come straight from Input/);
    const other = Input({ shape: [2], name: 'other_in' });
    const mixed = new AddTwo().apply([h, other]) as unknown as typeof h;
    expect(() => new Model({ inputs: x, outputs: mixed })).toThrow(/graph disconnected.*other_in/);
    const d1 = new Dense({ units: 2, name: 'twin' }).apply(x);
    const d2 = new Dense({ units: 2, name: 'twin' }).apply(d1);
    expect(() => new Model({ inputs: x, outputs: d2 })).toThrow(/unique name; 'twin'/);
    expect(() => new Model({ inputs: tensor([1]) as never, outputs: h })).toThrow(/inputs\[0\] must be a SymbolicTensor/);
    const ok = new Model({ inputs: x, outputs: h });
    expect(() => ok.predict([tensor([[1, 2]]), tensor([[1, 2]])])).toThrow(/model has 1 inputs.*holds 2/);
    expect(() => ok.predict(tensor([[1, 2, 3]]))).toThrow(/does not fit the declared shape \[null, 2\]/);
    expect(() => ok.getLayer('nope')).toThrow(/no layer "nope"/);
    expect(ok.getLayer(0)).toBeInstanceOf(InputLayer);
  });

  test('predict leaves no tensors behind but its result', () => {
    const x = Input({ shape: [3] });
    const m = new Model({ inputs: x, outputs: new Dense({ units: 2 }).apply(new Dense({ units: 4 }).apply(x)) });
    const data = tensor(matrix(10, 3, 9));
    (m.predict(data) as Tensor).dispose(); // warm-up
    const before = memory().numTensors;
    const out = m.predict(data, { batchSize: 3 }) as Tensor;
    expect(memory().numTensors).toBe(before + 1);
    expect(rows(out)).toEqual(rows(m.predict(data, { batchSize: 100 }) as Tensor).map((r) => r));
  });
});
