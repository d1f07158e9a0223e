import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { concat, memory, mean, reshape, square, sum, tensor, tidy, valueAndGrads, variableGrads, type Tensor } from '@neurite/tensor';
import { l2 } from '@neurite/regularizers';
import {
  Bidirectional, Dense, Embedding, GRU, GRUCell, LSTM, Masking, RNN, SimpleRNN, SimpleRNNCell, TimeDistributed,
  type Layer,
} from '../src/index.js';
import { runLayerTest } from './harness.js';
import { runReference, toMat, type RefWeights } from './recurrent-reference.js';

function rand(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** Random weights of the layer's shapes (so biases are not zero), set on the layer. */
function randomizeWeights(layer: Layer, seed: number): void {
  layer.setWeights(layer.weights.map((w, i) => tensor(rand(w.variable.size, seed + i).map((v) => v * 0.6), [...w.shape])));
}

function refWeights(layer: RNN, units: number, inputDim: number, gates: number): RefWeights {
  const [k, r, b] = layer.getWeights();
  const out: RefWeights = {
    kernel: toMat(k.dataSync(), inputDim, gates * units),
    recurrent: toMat(r.dataSync(), units, gates * units),
    bias: b.rank === 2 ? (toMat(b.dataSync(), 2, gates * units) as [number[], number[]]) : Array.from(b.dataSync()),
  };
  [k, r, b].forEach((t) => t.dispose());
  return out;
}

const BATCH = 3;
const STEPS = 5;
const FEATURES = 4;
const UNITS = 6;

describe('recurrent layers: shapes, weights, config, tensors (the layer harness)', () => {
  const cases: [string, () => Layer, number[], number][] = [
    ['SimpleRNN', () => new SimpleRNN({ units: UNITS }), [BATCH, UNITS], 3],
    ['SimpleRNN returnSequences', () => new SimpleRNN({ units: UNITS, returnSequences: true }), [BATCH, STEPS, UNITS], 3],
    ['LSTM', () => new LSTM({ units: UNITS, kernelRegularizer: l2({ l2: 0.01 }) }), [BATCH, UNITS], 3],
    ['GRU resetAfter', () => new GRU({ units: UNITS, returnSequences: true }), [BATCH, STEPS, UNITS], 3],
    ['GRU resetAfter false', () => new GRU({ units: UNITS, resetAfter: false, useBias: false }), [BATCH, UNITS], 2],
    ['RNN over a cell', () => new RNN({ cell: new SimpleRNNCell({ units: UNITS }), goBackwards: true }), [BATCH, UNITS], 3],
    ['Bidirectional concat', () => new Bidirectional({ layer: new LSTM({ units: UNITS, returnSequences: true }) }), [BATCH, STEPS, 2 * UNITS], 6],
    ['Bidirectional sum', () => new Bidirectional({ layer: new GRU({ units: UNITS }), mergeMode: 'sum' }), [BATCH, UNITS], 6],
    ['TimeDistributed Dense', () => new TimeDistributed({ layer: new Dense({ units: 2 }) }), [BATCH, STEPS, 2], 2],
  ];
  for (const [name, make, expectedOutputShape, weights] of cases) {
    it(name, () => {
      runLayerTest({ layer: make, inputShape: [BATCH, STEPS, FEATURES], expectedOutputShape, expectedNumTrainableWeights: weights, expectedNumNonTrainableWeights: 0 });
    });
  }

  it('Embedding and its regularizer', () => {
    runLayerTest({
      layer: () => new Embedding({ inputDim: 10, outputDim: 3, embeddingsRegularizer: l2({ l2: 0.1 }) }),
      inputShape: [BATCH, STEPS], expectedOutputShape: [BATCH, STEPS, 3], expectedNumTrainableWeights: 1, expectedNumNonTrainableWeights: 0,
      expectedNumLosses: 1, inputDType: 'int32',
    });
  });

  it('parameter counts equal Keras\'s (LSTM(32) on 10 features: 5504; GRU(32) resetAfter: 4224, without: 4128)', () => {
    const count = (layer: Layer): number => {
      layer.build([null, 7, 10]);
      const n = layer.countParams();
      layer.dispose();
      return n;
    };
    expect(count(new LSTM({ units: 32 }))).toBe(4 * 32 * (10 + 32 + 1));
    expect(count(new GRU({ units: 32 }))).toBe(3 * 32 * (10 + 32 + 2));
    expect(count(new GRU({ units: 32, resetAfter: false }))).toBe(3 * 32 * (10 + 32 + 1));
    expect(count(new SimpleRNN({ units: 32 }))).toBe(32 * (10 + 32 + 1));
    expect(count(new Bidirectional({ layer: new LSTM({ units: 32 }) }))).toBe(2 * 4 * 32 * (10 + 32 + 1));
  });

  it('weights are named as Keras names them (lstm/kernel, bidirectional/forward_lstm/kernel)', () => {
    const lstm = new LSTM({ units: 2, name: 'lstm' });
    lstm.build([null, 3, 4]);
    expect(lstm.weights.map((w) => w.path)).toEqual(['lstm/kernel', 'lstm/recurrent_kernel', 'lstm/bias']);
    const bi = new Bidirectional({ layer: new LSTM({ units: 2, name: 'lstm_b' }), name: 'bidirectional' });
    bi.build([null, 3, 4]);
    expect(bi.weights.map((w) => w.path)).toEqual([
      'bidirectional/forward_lstm_b/kernel', 'bidirectional/forward_lstm_b/recurrent_kernel', 'bidirectional/forward_lstm_b/bias',
      'bidirectional/backward_lstm_b/kernel', 'bidirectional/backward_lstm_b/recurrent_kernel', 'bidirectional/backward_lstm_b/bias',
    ]);
    lstm.dispose();
    bi.dispose();
  });

  it('unitForgetBias starts the forget gate\'s bias at 1 and the others from biasInitializer', () => {
    const lstm = new LSTM({ units: 2 });
    lstm.build([null, 3, 4]);
    expect(Array.from(lstm.getWeights()[2].dataSync())).toEqual([0, 0, 1, 1, 0, 0, 0, 0]);
    lstm.dispose();
  });
});

describe('recurrent layers compute the equations (plain-JS reference)', () => {
  const kinds = [
    ['SimpleRNN', 'simple', 1, () => new SimpleRNN({ units: UNITS, returnSequences: true, returnState: true })],
    ['LSTM', 'lstm', 4, () => new LSTM({ units: UNITS, returnSequences: true, returnState: true })],
    ['GRU resetAfter false', 'gru', 3, () => new GRU({ units: UNITS, resetAfter: false, returnSequences: true, returnState: true })],
    ['GRU resetAfter true', 'gru-reset-after', 3, () => new GRU({ units: UNITS, returnSequences: true, returnState: true })],
  ] as const;
  for (const [name, kind, gates, make] of kinds) {
    it(`${name}: every step's output and the final states`, () => {
      const layer = make();
      const xv = rand(BATCH * STEPS * FEATURES, 7);
      const x = tensor(xv, [BATCH, STEPS, FEATURES]);
      layer.build([...x.shape]);
      randomizeWeights(layer, 11);
      const [y, ...states] = layer.apply(x) as unknown as Tensor[];
      const w = refWeights(layer, UNITS, FEATURES, gates);
      const yv = y.dataSync();
      for (let b = 0; b < BATCH; b++) {
        const seq = Array.from({ length: STEPS }, (_, t) => xv.slice((b * STEPS + t) * FEATURES, (b * STEPS + t + 1) * FEATURES));
        const ref = runReference(kind, w, UNITS, seq);
        expect(maxDiff(yv.slice(b * STEPS * UNITS, (b + 1) * STEPS * UNITS), ref.outputs.flat())).toBeLessThan(1e-5);
        ref.states.forEach((s, i) => expect(maxDiff(states[i].dataSync().slice(b * UNITS, (b + 1) * UNITS), s)).toBeLessThan(1e-5));
      }
      [x, y, ...states].forEach((t) => t.dispose());
      layer.dispose();
    });
  }
});

describe('recurrent layer options', () => {
  const x = (seed = 3) => tensor(rand(BATCH * STEPS * FEATURES, seed), [BATCH, STEPS, FEATURES]);

  it('goBackwards equals running forwards on the reversed sequence (and returns the steps in the order run)', () => {
    const fwd = new LSTM({ units: UNITS, returnSequences: true });
    const bwd = new LSTM({ units: UNITS, returnSequences: true, goBackwards: true });
    const input = x();
    fwd.build([...input.shape]);
    bwd.build([...input.shape]);
    randomizeWeights(fwd, 5);
    const values = fwd.getWeights();
    bwd.setWeights(values);
    const reversed = tidy(() => concat(Array.from({ length: STEPS }, (_, k) => input.slice([0, STEPS - 1 - k, 0], [BATCH, 1, FEATURES])), { axis: 1 }));
    const a = fwd.apply(reversed);
    const b = bwd.apply(input);
    expect(maxDiff(a.dataSync(), b.dataSync())).toBeLessThan(1e-6);
    [input, reversed, a, b, ...values].forEach((t) => t.dispose());
    fwd.dispose();
    bwd.dispose();
  });

  it('stateful: two calls on the halves of a sequence equal one call on all of it; resetStates starts again', () => {
    const whole = new GRU({ units: UNITS });
    const halves = new GRU({ units: UNITS, stateful: true });
    const input = tensor(rand(BATCH * 6 * FEATURES, 9), [BATCH, 6, FEATURES]);
    whole.build([...input.shape]);
    halves.build([...input.shape]);
    randomizeWeights(whole, 2);
    const values = whole.getWeights();
    halves.setWeights(values);
    const expected = whole.apply(input);
    const first = input.slice([0, 0, 0], [BATCH, 3, FEATURES]);
    const second = input.slice([0, 3, 0], [BATCH, 3, FEATURES]);
    halves.apply(first).dispose();
    const got = halves.apply(second);
    expect(maxDiff(got.dataSync(), expected.dataSync())).toBeLessThan(1e-5);
    halves.resetStates();
    const again = halves.apply(second);
    const fresh = whole.apply(second);
    expect(maxDiff(again.dataSync(), fresh.dataSync())).toBeLessThan(1e-6);
    expect(() => halves.apply(tensor(rand(2 * 3 * FEATURES, 1), [2, 3, FEATURES]))).toThrow(/stateful layer keeps its batch size.*Received: 2 rows/);
    [input, expected, first, second, got, again, fresh, ...values].forEach((t) => t.dispose());
    whole.dispose();
    halves.dispose();
  });

  it('initial states are used, and states of the wrong shape are refused naming the argument', () => {
    const layer = new LSTM({ units: UNITS, returnState: true });
    const input = x();
    const h0 = tensor(rand(BATCH * UNITS, 4), [BATCH, UNITS]);
    const c0 = tensor(rand(BATCH * UNITS, 5), [BATCH, UNITS]);
    const [fromZero] = layer.apply(input) as unknown as Tensor[];
    const out = layer.apply([input, h0, c0]) as Tensor[];
    expect(maxDiff(out[0].dataSync(), fromZero.dataSync())).toBeGreaterThan(1e-3);
    expect(() => layer.apply([input, h0])).toThrow(/initial states must be 2 tensor\(s\).*Received: 1/);
    const wrong = tensor(rand(BATCH * 2, 1), [BATCH, 2]);
    expect(() => layer.apply([input, h0, wrong])).toThrow(/initial states\[1\] must have shape \[3, 6\]. Received: shape=\[3, 2\]/);
    [input, h0, c0, fromZero, wrong, ...out].forEach((t) => t.dispose());
    layer.dispose();
  });

  it('a mask makes padded steps keep the state: right-padded sequences give the unpadded result', () => {
    const layer = new LSTM({ units: UNITS });
    const input = x(8);
    const lengths = [5, 3, 1];
    const maskValues = lengths.flatMap((n) => Array.from({ length: STEPS }, (_, t) => (t < n ? 1 : 0)));
    const mask = tensor(maskValues, [BATCH, STEPS], 'bool');
    const y = layer.apply(input, { mask } as never);
    lengths.forEach((n, b) => {
      const one = input.slice([b, 0, 0], [1, n, FEATURES]);
      const ref = layer.apply(one);
      expect(maxDiff(y.dataSync().slice(b * UNITS, (b + 1) * UNITS), ref.dataSync())).toBeLessThan(1e-6);
      [one, ref].forEach((t) => t.dispose());
    });
    const wrong = tensor(new Array(BATCH * 2).fill(1), [BATCH, 2]);
    expect(() => layer.apply(input, { mask: wrong } as never)).toThrow(/mask must have shape \[3, 5\] \(batch, steps\). Received: shape=\[3, 2\]/);
    [input, mask, y, wrong].forEach((t) => t.dispose());
    layer.dispose();
  });

  it('Embedding(maskZero) and Masking make the masks Keras makes', () => {
    const emb = new Embedding({ inputDim: 5, outputDim: 2, maskZero: true });
    const ids = tensor([[1, 2, 0], [0, 4, 3]], [2, 3], 'int32');
    const mask = emb.computeMask(ids, null) as Tensor;
    expect(Array.from(mask.dataSync())).toEqual([1, 1, 0, 0, 1, 1]);
    const masking = new Masking({ maskValue: -1 });
    const seq = tensor([[[1, 2], [-1, -1]], [[-1, 3], [0, 0]]], [2, 2, 2]);
    const m = masking.computeMask(seq, null) as Tensor;
    expect(Array.from(m.dataSync())).toEqual([1, 0, 1, 1]);
    const y = masking.apply(seq);
    expect(Array.from(y.dataSync(), (v) => v + 0)).toEqual([1, 2, 0, 0, -1, 3, 0, 0]);
    expect(() => emb.apply(tensor([[5]], [1, 1], 'int32'))).toThrow(/inputs must be integers in \[0, 4\] \(inputDim=5\). Received: 5/);
    [ids, mask, seq, m, y].forEach((t) => t.dispose());
    emb.dispose();
    masking.dispose();
  });

  it('bad arguments get errors that name them', () => {
    expect(() => new LSTM({ units: 0 })).toThrow(/LSTMCell: units must be a positive integer. Received: units=0/);
    expect(() => new GRU({ units: 2, dropout: 1.5 })).toThrow(/dropout must be a finite number in \[0, 1\]. Received: dropout=1.5/);
    expect(() => new SimpleRNN({ units: 2, recurrentDropout: -0.1 })).toThrow(/recurrentDropout must be a finite number in \[0, 1\]. Received: recurrentDropout=-0.1/);
    expect(() => new LSTM({ units: 2, seed: Number.NaN })).toThrow(/seed must be an integer/);
    expect(() => new LSTM({ units: 2, recurrent_dropout: 0.1 } as never)).toThrow(/recurrent_dropout/);
    expect(() => new Bidirectional({ layer: new Dense({ units: 2 }) as never })).toThrow(/Bidirectional: layer must be a recurrent layer/);
    expect(() => new Bidirectional({ layer: new LSTM({ units: 2 }), mergeMode: 'max' as never })).toThrow(/mergeMode must be/);
    expect(() => new Embedding({ inputDim: 0, outputDim: 2 })).toThrow(/inputDim must be a positive integer/);
    const lstm = new LSTM({ units: 2 });
    const flat = tensor([1, 2], [1, 2]);
    expect(() => lstm.apply(flat)).toThrow(/expected a sequence \[batch, steps, features\]/);
    flat.dispose();
    lstm.dispose();
  });
});

describe('recurrent layers: gradients and memory', () => {
  /** Central differences of a scalar f at every element of `values` (in float64 on the host). */
  function numericGrad(f: (v: number[]) => number, values: number[], h = 1e-2): number[] {
    return values.map((_, i) => {
      const up = [...values];
      const down = [...values];
      up[i] += h;
      down[i] -= h;
      return (f(up) - f(down)) / (2 * h);
    });
  }

  for (const [name, make] of [
    ['LSTM', () => new LSTM({ units: 3, returnSequences: true })],
    ['GRU', () => new GRU({ units: 3 })],
    ['GRU resetAfter false', () => new GRU({ units: 3, resetAfter: false })],
    ['Bidirectional SimpleRNN', () => new Bidirectional({ layer: new SimpleRNN({ units: 3 }) })],
  ] as const) {
    it(`${name}: the gradient with respect to the input matches finite differences`, () => {
      const layer: Layer = make();
      const shape = [2, 4, 3];
      const xv = rand(24, 21);
      layer.build(shape);
      randomizeWeights(layer, 3);
      const loss = (x: Tensor): Tensor => tidy(() => sum(square(layer.apply(x))));
      const input = tensor(xv, shape);
      const { value, grads } = valueAndGrads((x) => loss(x))([input]);
      const numeric = numericGrad((v) => tidy(() => loss(tensor(v, shape)).dataSync()[0]), xv);
      expect(maxDiff(grads[0].dataSync(), numeric)).toBeLessThan(5e-3);
      [input, value, ...grads].forEach((g) => g.dispose());
      layer.dispose();
    });
  }

  it('the step loop leaves no tensors behind, in inference and under gradients', () => {
    const layer = new LSTM({ units: 4, dropout: 0.2, recurrentDropout: 0.3, seed: 1 });
    const x = tensor(rand(2 * 12 * 3, 2), [2, 12, 3]);
    layer.apply(x).dispose(); // builds
    const before = memory().numTensors;
    for (let i = 0; i < 3; i++) layer.apply(x, { training: i > 0 }).dispose();
    expect(memory().numTensors).toBe(before);
    const { value, grads } = variableGrads(() => tidy(() => mean(square(layer.apply(x, { training: true })))));
    value.dispose();
    Object.values(grads).forEach((g) => g.dispose());
    expect(memory().numTensors).toBe(before);
    x.dispose();
    layer.dispose();
  });

  it('TimeDistributed(Dense) equals Dense on every step', () => {
    const dense = new Dense({ units: 2 });
    const td = new TimeDistributed({ layer: dense });
    const x = tensor(rand(2 * 3 * 4, 6), [2, 3, 4]);
    const y = td.apply(x);
    const direct = dense.apply(reshape(x, [6, 4]));
    expect(maxDiff(y.dataSync(), direct.dataSync())).toBe(0);
    [x, y, direct].forEach((t) => t.dispose());
    td.dispose();
  });

  it('a cell is also a one-step layer: [input, ...states] -> [output, ...states]', () => {
    const cell = new GRUCell({ units: 2 });
    const out = cell.apply([tensor([[1, 2, 3]]), tensor([[0, 0]])]) as Tensor[];
    expect(out.map((t) => [...t.shape])).toEqual([[1, 2], [1, 2]]);
    out.forEach((t) => t.dispose());
    cell.dispose();
  });
});
