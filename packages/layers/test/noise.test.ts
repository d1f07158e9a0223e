// Unit tests of GaussianDropout, GaussianNoise, AlphaDropout and ActivityRegularization.
import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { SeedGenerator, memory, randomNormal, tensor, type Tensor } from '@neurite/tensor';
import {
  ActivityRegularization, AlphaDropout, GaussianDropout, GaussianNoise, deserializeLayer, serializeLayer,
} from '../src/index.js';
import { runLayerTest } from './harness.js';

const TRAIN = { training: true } as const;
const values = (t: Tensor) => Array.from(t.dataSync());
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

describe('GaussianDropout', () => {
  it('passes the generic layer test (inference and seeded training)', () => {
    for (const training of [false, true]) {
      runLayerTest({
        layer: () => new GaussianDropout({ rate: 0.3, seed: 5 }),
        inputShape: [2, 5],
        expectedOutputShape: [2, 5],
        expectedNumTrainableWeights: 0,
        expectedNumNonTrainableWeights: 0,
        expectedNumLosses: 0,
        training,
      });
    }
  });

  it('multiplies by N(1, rate / (1 - rate)) noise drawn from its own generator', () => {
    const xs = [1, -2, 0.5, 4, -3, 2];
    const rate = 0.36; // stddev sqrt(0.36 / 0.64) = 0.75
    const out = values(new GaussianDropout({ rate, seed: 77 }).apply(tensor(xs, [2, 3]), TRAIN));
    // The reference: standard normal draws from the same (seed, call) stream, scaled by hand.
    const z = values(randomNormal([2, 3], { seed: new SeedGenerator(77) }));
    xs.forEach((v, i) => expect(out[i]).toBeCloseTo(v * (1 + 0.75 * z[i]), 5));
  });

  it('is the identity at inference and with rate 0', () => {
    const xs = [1, -2, 3];
    expect(values(new GaussianDropout({ rate: 0.5 }).apply(tensor(xs)))).toEqual(xs);
    expect(values(new GaussianDropout({ rate: 0, seed: 1 }).apply(tensor(xs), TRAIN))).toEqual(xs);
  });

  it('rejects rate outside [0, 1) (rate 1 would need infinite noise), and bad seeds', () => {
    for (const rate of [1, 1.2, -0.5, NaN, '0.1']) {
      expect(() => new GaussianDropout({ rate } as never)).toThrow(/^GaussianDropout: rate must be a number in \[0, 1\)\. Received: rate=/);
    }
    expect(() => new GaussianDropout({ rate: 1 })).toThrow('GaussianDropout: rate must be a number in [0, 1). Received: rate=1');
    expect(() => new GaussianDropout({ rate: 0.1, seed: Infinity })).toThrow('GaussianDropout: seed must be an integer (or null). Received: seed=Infinity');
  });

  it('round-trips its config { rate, seed }', () => {
    const layer = new GaussianDropout({ rate: 0.2, seed: 8, name: 'gd' });
    expect(layer.getConfig()).toEqual({ name: 'gd', trainable: true, dtype: 'float32', rate: 0.2, seed: 8 });
    expect(deserializeLayer(serializeLayer(layer)).getConfig()).toEqual(layer.getConfig());
  });
});

describe('GaussianNoise', () => {
  it('passes the generic layer test', () => {
    runLayerTest({
      layer: () => new GaussianNoise({ stddev: 0.5, seed: 2 }),
      inputShape: [3, 2, 2],
      expectedOutputShape: [3, 2, 2],
      expectedNumTrainableWeights: 0,
      expectedNumNonTrainableWeights: 0,
      training: true,
    });
  });

  it('adds N(0, stddev) noise from its own generator in training; identity at inference', () => {
    const xs = [1, -2, 0.5, 4];
    const out = values(new GaussianNoise({ stddev: 0.2, seed: 13 }).apply(tensor(xs), TRAIN));
    const z = values(randomNormal([4], { seed: new SeedGenerator(13) }));
    xs.forEach((v, i) => expect(out[i]).toBeCloseTo(v + 0.2 * z[i], 5));
    expect(values(new GaussianNoise({ stddev: 0.2 }).apply(tensor(xs)))).toEqual(xs);
    expect(values(new GaussianNoise({ stddev: 0 }).apply(tensor(xs), TRAIN))).toEqual(xs);
  });

  it('rejects a negative or non-finite stddev and bad seeds; round-trips { stddev, seed }', () => {
    for (const stddev of [-0.1, NaN, Infinity, '1', undefined]) {
      expect(() => new GaussianNoise({ stddev } as never)).toThrow(/^GaussianNoise: stddev must be a finite number >= 0\. Received: stddev=/);
    }
    expect(() => new GaussianNoise({ stddev: -1 })).toThrow('GaussianNoise: stddev must be a finite number >= 0. Received: stddev=-1');
    expect(() => new GaussianNoise({ stddev: 1, seed: 2.5 })).toThrow('GaussianNoise: seed must be an integer (or null). Received: seed=2.5');
    const layer = new GaussianNoise({ stddev: 1.5, seed: 3 });
    expect(layer.getConfig()).toMatchObject({ stddev: 1.5, seed: 3 });
    expect(deserializeLayer(serializeLayer(layer)).getConfig()).toEqual(layer.getConfig());
  });
});

describe('AlphaDropout', () => {
  it('passes the generic layer test', () => {
    runLayerTest({
      layer: () => new AlphaDropout({ rate: 0.2, seed: 4, noiseShape: [null, 1] }),
      inputShape: [4, 3],
      expectedOutputShape: [4, 3],
      expectedNumTrainableWeights: 0,
      expectedNumNonTrainableWeights: 0,
      training: true,
    });
  });

  it("follows Keras 3's formula: kept a*x + b, dropped a*alpha' + b", () => {
    const rate = 0.25;
    const alphaP = -SELU_ALPHA * SELU_SCALE;
    const a = ((1 - rate) * (1 + rate * alphaP * alphaP)) ** -0.5;
    const b = -a * alphaP * rate;
    // Hand-checked values of the constants for rate 0.25.
    expect(alphaP).toBeCloseTo(-1.7580993408473766, 12);
    expect(a).toBeCloseTo(0.86726, 4); // ((0.75) * (1 + 0.25 * 3.09091))^-0.5
    const xs = Array.from({ length: 400 }, (_, i) => (i % 17) / 4 - 2);
    const out = values(new AlphaDropout({ rate, seed: 21 }).apply(tensor(xs), TRAIN));
    let dropped = 0;
    out.forEach((v, i) => {
      const isDropped = Math.abs(v - (a * alphaP + b)) < 1e-5;
      if (isDropped) dropped++;
      else expect(v).toBeCloseTo(a * xs[i] + b, 5);
    });
    expect(dropped).toBeGreaterThan(60);
    expect(dropped).toBeLessThan(140);
  });

  it('shares the mask along axes where noiseShape is 1', () => {
    const out = new AlphaDropout({ rate: 0.5, seed: 3, noiseShape: [null, 1] })
      .apply(tensor(new Array(40 * 5).fill(0.5), [40, 5]), TRAIN)
      .arraySync() as number[][];
    for (const row of out) expect(new Set(row).size).toBe(1);
    expect(new Set(out.map((row) => row[0])).size).toBe(2);
  });

  it('is the identity at inference and with rate 0; leaks no tensors', () => {
    const xs = [1, -2, 3];
    const x = tensor(xs);
    const before = memory().numTensors;
    const layer = new AlphaDropout({ rate: 0.4, seed: 1 });
    const outs = [layer.apply(x), new AlphaDropout({ rate: 0 }).apply(x, TRAIN), layer.apply(x, TRAIN)];
    expect(values(outs[0])).toEqual(xs);
    expect(values(outs[1])).toEqual(xs);
    outs.forEach((t) => t.dispose());
    expect(memory().numTensors).toBe(before);
  });

  it('rejects rate outside [0, 1), bad noiseShape and seeds; round-trips { rate, noiseShape, seed }', () => {
    expect(() => new AlphaDropout({ rate: 1 })).toThrow('AlphaDropout: rate must be a number in [0, 1). Received: rate=1');
    expect(() => new AlphaDropout({ rate: -1 })).toThrow('Received: rate=-1');
    expect(() => new AlphaDropout({ rate: 0.1, noiseShape: [0.5] })).toThrow(
      'AlphaDropout: noiseShape must be an array of non-negative integers or nulls. Received: noiseShape=[0.5]',
    );
    expect(() => new AlphaDropout({ rate: 0.1, noiseShape: [2, 2] }).apply(tensor([[1, 2, 3]]), TRAIN)).toThrow(
      'AlphaDropout: noiseShape must have the input',
    );
    expect(() => new AlphaDropout({ rate: 0.1, seed: NaN })).toThrow('AlphaDropout: seed must be an integer (or null). Received: seed=NaN');
    const layer = new AlphaDropout({ rate: 0.1, noiseShape: [null, 1], seed: 6 });
    expect(layer.getConfig()).toMatchObject({ rate: 0.1, noiseShape: [null, 1], seed: 6 });
    expect(deserializeLayer(serializeLayer(layer)).getConfig()).toEqual(layer.getConfig());
  });
});

describe('ActivityRegularization', () => {
  it('passes the generic layer test with one loss', () => {
    runLayerTest({
      layer: () => new ActivityRegularization({ l1: 0.01, l2: 0.02 }),
      inputShape: [3, 4],
      expectedOutputShape: [3, 4],
      expectedNumTrainableWeights: 0,
      expectedNumNonTrainableWeights: 0,
      expectedNumLosses: 1,
    });
  });

  it('is the identity and adds (l1 * sum|x| + l2 * sum x^2) / batch to losses', () => {
    const rows = [[1, -2, 3], [-4, 5, 0.5], [0, -1, 2], [3, 3, -3]];
    const layer = new ActivityRegularization({ l1: 0.1, l2: 0.03 });
    expect(layer.losses).toEqual([]);
    const out = layer.apply(tensor(rows));
    expect(out.arraySync()).toEqual(rows);
    const flat = rows.flat();
    const expected = (0.1 * flat.reduce((s, v) => s + Math.abs(v), 0) + 0.03 * flat.reduce((s, v) => s + v * v, 0)) / rows.length;
    const [loss] = layer.losses;
    expect(loss.rank).toBe(0);
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 5);
    // Only the last call's penalty is kept, in training and inference alike.
    layer.apply(tensor([[2, 2]]), TRAIN);
    expect(layer.losses.map((l) => l.dataSync()[0])[0]).toBeCloseTo(0.1 * 4 + 0.03 * 8, 5);
    // Defaults: no penalty (l1 = l2 = 0).
    const none = new ActivityRegularization();
    none.apply(tensor([[1, 2]]));
    expect(none.losses[0].dataSync()[0]).toBe(0);
  });

  it('rejects bad factors and an activityRegularizer argument; config is { l1, l2 } without activityRegularizer', () => {
    expect(() => new ActivityRegularization({ l1: -1 })).toThrow('ActivityRegularization: l1 must be a finite number >= 0. Received: l1=-1');
    expect(() => new ActivityRegularization({ l2: NaN })).toThrow('ActivityRegularization: l2 must be a finite number >= 0. Received: l2=NaN');
    expect(() => new ActivityRegularization({ activityRegularizer: 'l2' } as never)).toThrow(
      'ActivityRegularization: activityRegularizer cannot be given, use l1 and l2. Received: activityRegularizer=\'l2\'',
    );
    const layer = new ActivityRegularization({ l1: 0.5, name: 'act' });
    const config = layer.getConfig();
    expect(config).toEqual({ name: 'act', trainable: true, dtype: 'float32', l1: 0.5, l2: 0 });
    const restored = deserializeLayer(JSON.parse(JSON.stringify(serializeLayer(layer)))) as ActivityRegularization;
    expect(restored.getConfig()).toEqual(config);
    restored.apply(tensor([[1, -1]]));
    expect(restored.losses[0].dataSync()[0]).toBeCloseTo(1, 6);
  });
});
