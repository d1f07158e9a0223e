import { describe, expect, it } from 'vitest';
import { memory, sequential, setBackend, tensor, type Tensor } from 'neurite';
import { makeTwoD, splitSet } from '../src/data/two-d.js';
import { DEFAULT_LAYER, DEFAULT_STATE, NOISES, SCALINGS, cloneState, type PlaygroundState } from '../src/state.js';
import { Trainer } from '../src/train/trainer.js';

function mnistLikeTrainer(state: PlaygroundState): Trainer {
  // Random 28x28 images with labels from their mean brightness: enough to check the convnet's layers and that it learns.
  const n = 48;
  const pixels = new Float32Array(n * 784);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const bright = i % 2;
    for (let j = 0; j < 784; j++) pixels[i * 784 + j] = ((i * 7919 + j * 104729) % 97) / 97 * 0.5 + bright * 0.5;
    labels[i] = bright;
  }
  const x = () => tensor(pixels, [n, 28, 28, 1]);
  const y = () => tensor(labels, [n], 'int32');
  return new Trainer(state, { trainX: x(), trainY: y(), testX: x(), testY: y() }, { input: [28, 28, 1], classes: 10 });
}

function trainerFor(state: PlaygroundState): Trainer {
  const { train, test } = splitSet(makeTwoD('circle', state.size, state.noise, state.seed), state.testFraction, state.seed);
  return new Trainer(state, {
    trainX: tensor(train.points, [train.labels.length, 2]),
    trainY: tensor(train.labels, [train.labels.length], 'int32'),
    testX: tensor(test.points, [test.labels.length, 2]),
    testY: tensor(test.labels, [test.labels.length], 'int32'),
  }, { input: [2], classes: 2 });
}

async function run(state: PlaygroundState, epochs: number) {
  const t = trainerFor(state);
  await t.evaluate();
  while (t.epoch < epochs) if (await t.step()) await t.evaluate();
  const history = t.history;
  t.dispose();
  return history;
}

describe('Trainer', () => {
  it('trains both networks in lockstep: the loss falls for both, the plain one has no penalty or noise', async () => {
    await setBackend('wasm');
    const state = { ...cloneState(DEFAULT_STATE), size: 80, noise: 0.1 };
    const t = trainerFor(state);
    expect(t.plain.layers.map((l) => l.className)).toEqual(['Dense', 'Dense', 'Dense']);
    expect(t.regularized.layers.map((l) => l.className)).toEqual(['Dense', 'Dropout', 'Dense', 'Dropout', 'Dense']);
    expect(t.plain.losses).toEqual([]);
    // The same initial weights: the comparison starts even.
    const w = (m: typeof t.plain) => m.weights.filter((v) => v.name === 'kernel').map((v) => Array.from(v.read().dataSync()));
    expect(w(t.plain)).toEqual(w(t.regularized));
    t.dispose();
    const history = await run(state, 8);
    expect(history).toHaveLength(9);
    for (const model of ['plain', 'regularized'] as const) {
      expect(history[8][model].trainLoss).toBeLessThan(0.8 * history[0][model].trainLoss);
    }
  });

  it('is reproducible: the same state gives the same curves, another seed other curves; nothing leaks', async () => {
    const state = { ...cloneState(DEFAULT_STATE), size: 60 };
    const before = memory().numTensors;
    const a = await run(state, 3);
    const b = await run(state, 3);
    const c = await run({ ...state, seed: 2 }, 3);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(memory().numTensors).toBe(before);
  });

  it('builds and trains every noise layer the controls offer; the Dropout scaling chosen is the one used', async () => {
    for (const noise of NOISES.filter((n) => n !== 'none')) {
      for (const scaling of noise === 'dropout' ? SCALINGS : (['inverted'] as const)) {
        const state = { ...cloneState(DEFAULT_STATE), size: 60, noise: 0.1, layers: [{ ...DEFAULT_LAYER, noise, scaling, rate: 0.2 }] };
        const t = trainerFor(state);
        const layer = t.regularized.layers[1];
        // SpatialDropout has nothing spatial to drop after a dense layer: plain Dropout stands in for it.
        const expected = { dropout: 'Dropout', spatialDropout: 'Dropout', gaussianDropout: 'GaussianDropout', gaussianNoise: 'GaussianNoise', alphaDropout: 'AlphaDropout' }[noise];
        expect(layer.className, noise).toBe(expected);
        if (noise === 'dropout') expect(layer.getConfig().scaling).toBe(scaling);
        t.dispose();
        const history = await run(state, 6);
        expect(history[6].regularized.trainLoss, `${noise} ${scaling}`).toBeLessThan(history[0].regularized.trainLoss);
      }
    }
  });

  it("'inference' scaling: at inference the model scales by (1 - rate), 'inverted' leaves it as it is; both start from the same weights", async () => {
    const base = { ...cloneState(DEFAULT_STATE), size: 40, layers: [{ ...DEFAULT_LAYER, regularizer: 'none' as const, noise: 'dropout' as const, rate: 0.5 }] };
    const inverted = trainerFor({ ...base, layers: [{ ...base.layers[0], scaling: 'inverted' }] });
    const atInference = trainerFor({ ...base, layers: [{ ...base.layers[0], scaling: 'inference' }] });
    // The hidden activations (before the softmax layer) of the two, untrained, on the same inputs.
    const hidden = (t: Trainer) => {
      const out = sequential({ layers: t.regularized.layers.slice(0, 2) }).predict(t.data.testX) as Tensor;
      const values = Array.from(out.dataSync());
      out.dispose();
      return values;
    };
    const a = hidden(inverted);
    const b = hidden(atInference);
    expect(a.some((v) => v > 0)).toBe(true);
    b.forEach((v, i) => expect(v).toBeCloseTo(0.5 * a[i], 5));
    inverted.dispose();
    atInference.dispose();
  });

  it('MNIST convnet: a 3x3 convolution with SpatialDropout2D after it, pooling, then dense; it learns', async () => {
    const state: PlaygroundState = {
      ...cloneState(DEFAULT_STATE), dataset: 'mnist', architecture: 'cnn', batchSize: 16, learningRate: 0.01,
      layers: [{ ...DEFAULT_LAYER, units: 4, noise: 'spatialDropout', rate: 0.25 }, { ...DEFAULT_LAYER, units: 16, noise: 'dropout', rate: 0.25 }],
    };
    const t = mnistLikeTrainer(state);
    expect(t.regularized.layers.map((l) => l.className)).toEqual(['Conv2D', 'SpatialDropout2D', 'MaxPooling2D', 'Flatten', 'Dense', 'Dropout', 'Dense']);
    expect(t.plain.layers.map((l) => l.className)).toEqual(['Conv2D', 'MaxPooling2D', 'Flatten', 'Dense', 'Dense']);
    await t.evaluate();
    while (t.epoch < 4) if (await t.step()) await t.evaluate();
    for (const m of ['plain', 'regularized'] as const) expect(t.history[4][m].trainLoss).toBeLessThan(t.history[0][m].trainLoss);
    t.dispose();
  });
});
