import '@neurite/backend-cpu';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NeuriteError, tensor, type Tensor } from '@neurite/tensor';
import { layers, sequential, type Sequential } from '../src/index.js';

// No non-finite value slips into training: NaN and ±Infinity in the data are refused before any step
// (naming where they sit), and a step that overflows (1e38 squared is Infinity in float32) is not
// applied. Either way the weights, the optimizer's state and BatchNormalization's moving statistics
// are exactly what they were before the call.

const N = 6;
const FEATURES = 3;

/** Dense → BatchNormalization (moving statistics move in the forward pass) → Dense, with Adam (slots). */
function makeModel(): Sequential {
  const m = sequential({
    layers: [
      layers.dense({ units: 4, inputShape: [FEATURES], kernelInitializer: { className: 'GlorotUniform', config: { seed: 1 } } }),
      layers.batchNormalization({}),
      layers.dense({ units: 1, kernelInitializer: { className: 'GlorotUniform', config: { seed: 2 } } }),
    ],
  });
  m.compile({ optimizer: 'adam', loss: 'mse' });
  return m;
}

/** Every weight's bits, the optimizer's step count and its slots: what must not change. */
function state(m: Sequential): { weights: number[][]; iterations: number } {
  const weights = m.getWeights().map((t) => {
    const values = Array.from(t.dataSync());
    t.dispose();
    return values;
  });
  const optimizer = m.optimizer as unknown as { iterations: number; getWeights?: () => Tensor[] };
  const slots = optimizer.getWeights?.() ?? [];
  for (const s of slots) {
    weights.push(Array.from(s.dataSync()));
    s.dispose();
  }
  return { weights, iterations: optimizer.iterations };
}

const BAD = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 1e38, -1e38] as const;

interface Case {
  bad: number;
  inX: boolean;
  row: number;
  col: number;
  base: number[];
}

/** Clean data, with `bad` written at one position of x or y. */
const arbCase: fc.Arbitrary<Case> = fc.record({
  bad: fc.constantFrom(...BAD),
  inX: fc.boolean(),
  row: fc.nat({ max: N - 1 }),
  col: fc.nat({ max: FEATURES - 1 }),
  base: fc.array(fc.float({ min: -2, max: 2, noNaN: true }), { minLength: N * (FEATURES + 1), maxLength: N * (FEATURES + 1) }),
});

function data(c: Case): { x: number[][]; y: number[][] } {
  const x = Array.from({ length: N }, (_, i) => c.base.slice(i * FEATURES, (i + 1) * FEATURES));
  const y = Array.from({ length: N }, (_, i) => [c.base[N * FEATURES + i]]);
  if (c.inX) x[c.row][c.col] = c.bad;
  else y[c.row][0] = c.bad;
  return { x, y };
}

function expectNamedPosition(error: unknown, owner: string, c: Case): void {
  expect(error).toBeInstanceOf(NeuriteError);
  const where = c.inX ? `x contains ${c.bad} at index [${c.row}, ${c.col}]` : `y contains ${c.bad} at index [${c.row}, 0]`;
  expect((error as Error).message).toContain(`${owner}: ${where} (sample ${c.row}); data must be finite`);
}

/** After a refused call the state is what it was; after an accepted one every weight is finite. */
function expectSafe(error: unknown, before: ReturnType<typeof state>, after: ReturnType<typeof state>): void {
  if (error) {
    expect(error).toBeInstanceOf(NeuriteError);
    expect(after).toEqual(before);
  } else {
    for (const w of after.weights) expect(w.every(Number.isFinite)).toBe(true);
  }
}

describe('non-finite values never reach the weights', () => {
  it('fit: NaN and ±Infinity are refused with their position; an overflowing step is not applied', async () => {
    await fc.assert(
      fc.asyncProperty(arbCase, async (c) => {
        const m = makeModel();
        // One step first, so the optimizer has slots and BatchNormalization has moved: both must stay.
        await m.fit(tensor([[1, 2, 3], [0, 1, 0]]), tensor([[1], [0]]), { epochs: 1, verbose: 0 });
        const before = state(m);
        const { x, y } = data(c);
        let error: unknown = null;
        try {
          await m.fit(tensor(x), tensor(y), { epochs: 1, batchSize: N, verbose: 0 });
        } catch (e) {
          error = e;
        }
        if (!Number.isFinite(c.bad)) expectNamedPosition(error, 'fit', c);
        else if (error) expect((error as Error).message).toMatch(/so that step was not applied: the weights are as they were before it/);
        expectSafe(error, before, state(m));
        m.dispose();
      }),
      { numRuns: 40 },
    );
  });

  it('trainOnBatch: the same, synchronously', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const m = makeModel();
        m.trainOnBatch(tensor([[1, 2, 3], [0, 1, 0]]), tensor([[1], [0]]));
        const before = state(m);
        const { x, y } = data(c);
        let error: unknown = null;
        try {
          m.trainOnBatch(tensor(x), tensor(y));
        } catch (e) {
          error = e;
        }
        if (!Number.isFinite(c.bad)) expectNamedPosition(error, 'trainOnBatch', c);
        else if (error) expect((error as Error).message).toMatch(/^trainOnBatch: .*so the step was not applied: the weights are as they were before it$/);
        expectSafe(error, before, state(m));
        m.dispose();
      }),
      { numRuns: 40 },
    );
  });

  it('evaluate and predict refuse NaN and ±Infinity with their position, and change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(arbCase, async (c) => {
        const m = makeModel();
        m.trainOnBatch(tensor([[1, 2, 3], [0, 1, 0]]), tensor([[1], [0]]));
        const before = state(m);
        const { x, y } = data(c);
        let error: unknown = null;
        try {
          await m.evaluate(tensor(x), tensor(y));
        } catch (e) {
          error = e;
        }
        if (!Number.isFinite(c.bad)) expectNamedPosition(error, 'evaluate', c);
        else expect(error).toBeNull();
        if (c.inX && !Number.isFinite(c.bad)) {
          expect(() => m.predict(tensor(x), { training: true })).toThrow(`predict: x contains ${c.bad} at index [${c.row}, ${c.col}]`);
        }
        expect(state(m)).toEqual(before);
        m.dispose();
      }),
      { numRuns: 30 },
    );
  });

  it('a step whose loss is finite but whose moving statistics overflow is not applied either', () => {
    const m = makeModel();
    m.trainOnBatch(tensor([[1, 2, 3], [0, 1, 0]]), tensor([[1], [0]]));
    const before = state(m);
    // The batch variance of 1e38-sized activations is Infinity: BatchNormalization's output stays finite,
    // its moving variance would not.
    expect(() => m.trainOnBatch(tensor([[-1e38, 0, 0], [0, 0, 0], [0, 1, 0]]), tensor([[0], [0], [1]]))).toThrow(
      /^trainOnBatch: a gradient or a moving statistic \(of BatchNormalization\) became non-finite \(the loss was [\d.]+\), so the step was not applied/,
    );
    expect(state(m)).toEqual(before);
    m.dispose();
  });

  it('an overflow in the second batch stops fit there: the first batch was applied, the second was not', async () => {
    const m = makeModel();
    const x = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0]];
    const y = [[1], [2], [3], [1e38]];
    await m.fit(tensor(x.slice(0, 2)), tensor(y.slice(0, 2)), { epochs: 1, batchSize: 2, shuffle: false, verbose: 0 });
    const afterFirst = state(m);
    const fresh = makeModel();
    const before = state(fresh);
    await expect(fresh.fit(tensor(x), tensor(y), { epochs: 1, batchSize: 2, shuffle: false, verbose: 0 })).rejects.toThrow(
      /^fit: the loss became Infinity at epoch 1\/1, batch 2\/2, so that step was not applied/,
    );
    const state2 = state(fresh);
    expect(state2).not.toEqual(before);
    expect(state2).toEqual(afterFirst);
    m.dispose();
    fresh.dispose();
  });
});
