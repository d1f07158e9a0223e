import '@neurite/backend-cpu';
import { describe, expect, test } from 'vitest';
import { tensor, type Tensor } from '@neurite/tensor';
import { Dense, Dropout } from '@neurite/layers';
import { L1, L2 } from '@neurite/regularizers';
import { Sequential } from '../src/models/sequential.js';
import { SGD } from '../src/optimizers/index.js';
import { denseRef, matrix, rows } from './model-helpers.js';

const sum = (xs: number[]): number => xs.reduce((s, v) => s + v, 0);
const mean = (xs: number[]): number => sum(xs) / xs.length;
const flat = (t: Tensor): number[] => [...t.dataSync()];

describe('fit: regularization, dropout, constraints, class weights', () => {
  test('the reported loss is data loss + weight and activity penalties; metrics leave the penalties out', async () => {
    const m = new Sequential({
      layers: [
        new Dense({ units: 2, inputShape: [3], kernelRegularizer: new L2({ l2: 0.05 }), biasRegularizer: new L1({ l1: 0.1 }), activityRegularizer: new L2({ l2: 0.01 }) }),
        new Dense({ units: 1, kernelRegularizer: new L1({ l1: 0.02 }) }),
      ],
    });
    m.setWeights([tensor([[0.5, -1], [0.25, 0.75], [-0.5, 1]]), tensor([0.2, -0.3]), tensor([[1.5], [-2]]), tensor([0.1])]);
    m.compile({ optimizer: new SGD({ learningRate: 0.01 }), loss: 'mse', metrics: ['mse'] });
    const x = matrix(6, 3, 31);
    const y = matrix(6, 1, 32);
    const reference = (): { data: number; penalties: number } => {
      const [w1, b1, w2, b2] = m.getWeights().map((t) => t.arraySync()) as [number[][], number[], number[][], number[]];
      const h = denseRef(x, w1, b1);
      const out = denseRef(h, w2, b2);
      const data = mean(out.map((r, i) => (r[0] - y[i][0]) ** 2));
      const penalties =
        0.05 * sum(w1.flat().map((v) => v * v)) + 0.1 * sum(b1.map(Math.abs)) + (0.01 * sum(h.flat().map((v) => v * v))) / 6 + 0.02 * sum(w2.flat().map(Math.abs));
      return { data, penalties };
    };
    const before = reference();
    // One batch holding every sample: the epoch's loss is computed with the weights before the update.
    const h = await m.fit(tensor(x), tensor(y), { epochs: 1, batchSize: 6, shuffle: false, verbose: 0 });
    expect(h.history.loss[0]).toBeCloseTo(before.data + before.penalties, 5);
    expect(h.history.mse[0]).toBeCloseTo(before.data, 5);
    expect(before.penalties).toBeGreaterThan(0.1);
    // evaluate (Keras 3) also adds the penalties of the current weights.
    const after = reference();
    const ev = (await m.evaluate(tensor(x), tensor(y))) as Record<string, number>;
    expect(ev.loss).toBeCloseTo(after.data + after.penalties, 5);
    expect(ev.mse).toBeCloseTo(after.data, 5);
  });

  test('the penalty gradient reaches the optimizer: with zero data gradient, L2 decays the kernel', async () => {
    const m = new Sequential({ layers: [new Dense({ units: 2, inputShape: [3], useBias: false, kernelRegularizer: new L2({ l2: 0.5 }) })] });
    const w0 = flat(m.getWeights()[0]);
    m.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'mse' });
    await m.fit(tensor(matrix(4, 3, 0).map((r) => r.map(() => 0))), tensor([[0, 0], [0, 0], [0, 0], [0, 0]]), { epochs: 1, batchSize: 4, verbose: 0 });
    // d/dW (0.5 · ΣW²) = W, so W ← W − 0.1 · W.
    flat(m.getWeights()[0]).forEach((v, i) => expect(v).toBeCloseTo(0.9 * w0[i], 6));
  });

  test('dropout is on in fit and off in evaluate / predict; predict({ training: true }) is stochastic', async () => {
    const x = matrix(32, 4, 40);
    const y = matrix(32, 1, 41);
    const build = (rate: number): Sequential => {
      const m = new Sequential({ layers: [new Dense({ units: 32, inputShape: [4], activation: 'relu' }), new Dropout({ rate }), new Dense({ units: 1 })] });
      m.compile({ optimizer: new SGD({ learningRate: 1e-3 }), loss: 'mse' });
      return m;
    };
    const m = build(0.5);
    const p1 = rows(m.predict(tensor(x)) as Tensor);
    expect(rows(m.predict(tensor(x)) as Tensor)).toEqual(p1);
    const mc1 = rows(m.predict(tensor(x), { training: true }) as Tensor);
    const mc2 = rows(m.predict(tensor(x), { training: true }) as Tensor);
    expect(mc1).not.toEqual(mc2);
    expect(mc1).not.toEqual(p1);
    // evaluate is the plain MSE of predict's (dropout-free) output, and repeatable.
    const evalLoss = (await m.evaluate(tensor(x), tensor(y))) as number;
    expect(evalLoss).toBeCloseTo(mean(p1.map((r, i) => (r[0] - y[i][0]) ** 2)), 5);
    expect(await m.evaluate(tensor(x), tensor(y))).toBe(evalLoss);
    // fit's loss (one batch, weights before the update) differs only because dropout is on.
    const h = await m.fit(tensor(x), tensor(y), { epochs: 1, batchSize: 32, verbose: 0 });
    expect(Math.abs(h.history.loss[0] - evalLoss)).toBeGreaterThan(1e-3);
    const control = build(0);
    control.setWeights(m.getWeights().map((t) => t)); // any weights will do
    const controlEval = (await control.evaluate(tensor(x), tensor(y))) as number;
    const hc = await control.fit(tensor(x), tensor(y), { epochs: 1, batchSize: 32, verbose: 0 });
    expect(hc.history.loss[0]).toBeCloseTo(controlEval, 6);
  });

  test('constraints are applied after each update (NonNeg keeps the kernel >= 0)', async () => {
    const x = matrix(16, 3, 50);
    const m = new Sequential({ layers: [new Dense({ units: 3, inputShape: [3], kernelConstraint: 'nonNeg' })] });
    m.compile({ optimizer: new SGD({ learningRate: 0.5 }), loss: 'mse' });
    await m.fit(tensor(x), tensor(x.map((r) => r.map((v) => -v))), { epochs: 5, batchSize: 4, verbose: 0 });
    const kernel = flat(m.getWeights()[0]);
    expect(Math.min(...kernel)).toBeGreaterThanOrEqual(0);
    expect(kernel.filter((v) => v === 0).length).toBeGreaterThan(0);
  });

  test('classWeight multiplies each sample loss by the weight of its class (index labels and one-hot)', async () => {
    const x = matrix(8, 2, 60);
    const labels = [0, 1, 1, 0, 2, 1, 0, 2];
    // Index labels with MSE on a single unit: the class is the label's value.
    const reg = new Sequential({ layers: [new Dense({ units: 1, inputShape: [2] })] });
    reg.compile({ optimizer: new SGD({ learningRate: 1e-3 }), loss: 'mse' });
    const [w, b] = reg.getWeights().map((t) => t.arraySync()) as [number[][], number[]];
    const pred = denseRef(x, w, b);
    const cw = { 0: 1, 1: 4, 2: 0.5 } as Record<number, number>;
    const expected = mean(labels.map((c, i) => cw[c] * (pred[i][0] - c) ** 2));
    const h = await reg.fit(tensor(x), tensor(labels.map((c) => [c])), { epochs: 1, batchSize: 8, shuffle: false, verbose: 0, classWeight: cw });
    expect(h.history.loss[0]).toBeCloseTo(expected, 4);

    // One-hot labels with categorical crossentropy: the class is the argmax; classes left out weigh 1.
    const cls = new Sequential({ layers: [new Dense({ units: 3, inputShape: [2], activation: 'softmax' })] });
    cls.compile({ optimizer: new SGD({ learningRate: 1e-3 }), loss: 'categoricalCrossentropy' });
    const probs = rows(cls.predict(tensor(x)) as Tensor);
    const partial = { 1: 3 } as Record<number, number>;
    const ce = mean(labels.map((c, i) => (partial[c] ?? 1) * -Math.log(probs[i][c])));
    const onehot = labels.map((c) => [0, 1, 2].map((k) => (k === c ? 1 : 0)));
    const hc = await cls.fit(tensor(x), tensor(onehot), { epochs: 1, batchSize: 8, shuffle: false, verbose: 0, classWeight: partial });
    expect(hc.history.loss[0]).toBeCloseTo(ce, 4);
  });
});
