// Unit tests of Dropout and SpatialDropout1D/2D/3D: the edge rates, inference behaviour, errors and configs.
// (The statistical and structural properties are in properties-dropout.test.ts.)
import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { SeedGenerator, grad, memory, sum, tensor, type Tensor } from '@neurite/tensor';
import {
  Dropout, SpatialDropout1D, SpatialDropout2D, SpatialDropout3D, deserializeLayer, serializeLayer,
} from '../src/index.js';
import { runLayerTest } from './harness.js';

const TRAIN = { training: true } as const;
const values = (t: Tensor) => Array.from(t.dataSync());
const x23 = () => tensor([[1, -2, 3], [4, 5, -6]]);

describe('Dropout', () => {
  it('passes the generic layer test (inference and seeded training)', () => {
    runLayerTest({
      layer: () => new Dropout({ rate: 0.5 }),
      inputShape: [3, 4],
      expectedOutputShape: [3, 4],
      expectedNumTrainableWeights: 0,
      expectedNumNonTrainableWeights: 0,
      expectedNumLosses: 0,
      customCheck: (out, _layer, input) => expect(values(out)).toEqual(values(input)),
    });
    runLayerTest({
      layer: () => new Dropout({ rate: 0.3, seed: 9, noiseShape: [null, 1, null] }),
      inputShape: [2, 3, 4],
      expectedOutputShape: [2, 3, 4],
      expectedNumTrainableWeights: 0,
      expectedNumNonTrainableWeights: 0,
      training: true,
    });
  });

  it('rate 0 is the identity in training: same values, a separate tensor', () => {
    const x = x23();
    const out = new Dropout({ rate: 0, seed: 1 }).apply(x, TRAIN);
    expect(out.arraySync()).toEqual([[1, -2, 3], [4, 5, -6]]);
    out.dispose();
    expect(x.isDisposed).toBe(false); // disposing the output spares the input
  });

  it('rate 1 gives zeros, never NaN or Infinity, even for huge or infinite inputs, with both scalings', () => {
    const x = tensor([3e38, -3e38, Infinity, -Infinity, 1, 0]);
    for (const scaling of ['inverted', 'inference'] as const) {
      const layer = new Dropout({ rate: 1, scaling, seed: 4 });
      expect(values(layer.apply(x, TRAIN))).toEqual([0, 0, 0, 0, 0, 0]);
    }
    // At inference the 'inference' scaling multiplies by 1 - rate = 0.
    const atInference = values(new Dropout({ rate: 1, scaling: 'inference' }).apply(tensor([2, -3])));
    expect(atInference.map(Math.abs)).toEqual([0, 0]);
    // The gradient of a fully dropped layer is zero.
    const g = grad((t) => sum(new Dropout({ rate: 1 }).apply(t, TRAIN)))(tensor([1, 2, 3]));
    expect(values(g)).toEqual([0, 0, 0]);
  });

  it("is the identity at inference ('inverted') and scales by 1 - rate at inference ('inference')", () => {
    const x = x23();
    expect(new Dropout({ rate: 0.25 }).apply(x).arraySync()).toEqual([[1, -2, 3], [4, 5, -6]]);
    expect(new Dropout({ rate: 0.25 }).apply(x, { training: false }).arraySync()).toEqual([[1, -2, 3], [4, 5, -6]]);
    const scaled = values(new Dropout({ rate: 0.25, scaling: 'inference' }).apply(x));
    [1, -2, 3, 4, 5, -6].forEach((v, i) => expect(scaled[i]).toBeCloseTo(v * 0.75, 6));
  });

  it('training outputs: 0 or x / (1 - rate) (inverted), 0 or x (inference)', () => {
    const xs = Array.from({ length: 200 }, (_, i) => i + 1);
    const x = tensor(xs);
    const inverted = values(new Dropout({ rate: 0.2, seed: 3 }).apply(x, TRAIN));
    inverted.forEach((v, i) => expect(v === 0 || Math.abs(v - xs[i] / 0.8) < 1e-4).toBe(true));
    const unscaled = values(new Dropout({ rate: 0.2, seed: 3, scaling: 'inference' }).apply(x, TRAIN));
    unscaled.forEach((v, i) => expect(v === 0 || v === xs[i]).toBe(true));
    // Same seed, same mask, whatever the scaling.
    expect(inverted.map((v) => v === 0)).toEqual(unscaled.map((v) => v === 0));
    expect(inverted.some((v) => v === 0) && inverted.some((v) => v !== 0)).toBe(true);
  });

  it('without a seed draws from the global generator (masks differ between calls)', () => {
    const layer = new Dropout({ rate: 0.5 });
    expect(layer.seed).toBeNull();
    expect(layer.seedGenerator).toBeNull();
    const x = tensor(Array.from({ length: 64 }, () => 1));
    expect(values(layer.apply(x, TRAIN))).not.toEqual(values(layer.apply(x, TRAIN)));
  });

  it('owns a SeedGenerator that advances once per training call (not at inference)', () => {
    const layer = new Dropout({ rate: 0.5, seed: 11 });
    expect(layer.seedGenerator).toBeInstanceOf(SeedGenerator);
    const x = tensor([1, 2, 3, 4]);
    layer.apply(x);
    expect(layer.seedGenerator?.state).toBe(0);
    layer.apply(x, TRAIN);
    layer.apply(x, TRAIN);
    expect(layer.seedGenerator?.state).toBe(2);
  });

  it('fills null noiseShape entries from the input, so the batch size may change between calls', () => {
    const layer = new Dropout({ rate: 0.5, seed: 2, noiseShape: [null, 1] });
    for (const batch of [2, 5, 40]) {
      const out = layer.apply(tensor(new Array(batch * 6).fill(1), [batch, 6]), TRAIN).arraySync() as number[][];
      expect(out.length).toBe(batch);
      for (const row of out) {
        expect(new Set(row).size).toBe(1); // one mask value per row, shared along the axis with noiseShape 1
        expect([0, 2]).toContain(row[0]);
      }
      if (batch === 40) expect(new Set(out.map((row) => row[0])).size).toBe(2); // rows are masked independently
    }
  });

  it('leaks no tensors in training or inference', () => {
    const x = x23();
    const layer = new Dropout({ rate: 0.4, seed: 5, noiseShape: [1, null] });
    const before = memory().numTensors;
    for (let i = 0; i < 5; i++) {
      layer.apply(x, TRAIN).dispose();
      layer.apply(x).dispose();
    }
    const scaledLayer = new Dropout({ rate: 0.4, scaling: 'inference', seed: 1 });
    scaledLayer.apply(x).dispose();
    scaledLayer.apply(x, TRAIN).dispose();
    expect(memory().numTensors).toBe(before);
  });

  it('rejects a bad rate, naming it and the value received', () => {
    const bad: unknown[] = [1.5, -0.1, NaN, Infinity, '0.5', undefined, null];
    for (const rate of bad) {
      expect(() => new Dropout({ rate } as never)).toThrow(/^Dropout: rate must be a number in \[0, 1\]\. Received: rate=/);
    }
    expect(() => new Dropout({ rate: 1.5 })).toThrow('Dropout: rate must be a number in [0, 1]. Received: rate=1.5');
    expect(() => new Dropout({ rate: '0.5' } as never)).toThrow("Received: rate='0.5'");
    expect(() => new Dropout(undefined as never)).toThrow('Received: rate=undefined');
  });

  it('rejects a bad seed, scaling or noiseShape', () => {
    for (const seed of [NaN, Infinity, -Infinity, 1.5, 2 ** 53, '3']) {
      expect(() => new Dropout({ rate: 0.5, seed } as never)).toThrow(/^Dropout: seed must be an integer \(or null\)\. Received: seed=/);
    }
    expect(() => new Dropout({ rate: 0.5, seed: 0.5 })).toThrow('Received: seed=0.5');
    expect(() => new Dropout({ rate: 0.5, scaling: 'paper' as never })).toThrow(
      "Dropout: scaling must be 'inverted' or 'inference'. Received: scaling='paper'",
    );
    for (const noiseShape of [[2.5], [-1, 2], 'abc', [undefined], 3]) {
      expect(() => new Dropout({ rate: 0.5, noiseShape } as never)).toThrow(/^Dropout: noiseShape must be an array of non-negative integers or nulls\. Received: noiseShape=/);
    }
    // A noiseShape that does not fit the input: wrong rank, or an entry neither 1 nor the dimension.
    expect(() => new Dropout({ rate: 0.5, noiseShape: [1, 3] }).apply(tensor([1, 2, 3]), TRAIN)).toThrow(
      /Dropout: noiseShape must have the input's rank.*input has shape \[3\]\. Received: noiseShape=\[1, 3\]/,
    );
    expect(() => new Dropout({ rate: 0.5, noiseShape: [2, 2] }).apply(x23(), TRAIN)).toThrow('Received: noiseShape=[2, 2]');
    // The shape is checked on every training call, not only when built.
    const layer = new Dropout({ rate: 0.5, noiseShape: [null, 3] });
    layer.apply(x23(), TRAIN);
    expect(() => layer.apply(tensor([[1, 2]]), TRAIN)).toThrow('Received: noiseShape=[null, 3]');
  });

  it('rejects a list of inputs', () => {
    expect(() => new Dropout({ rate: 0.5 }).apply([x23(), x23()], TRAIN)).toThrow('Dropout: expected a single input tensor');
  });

  it('round-trips its config, and a restored seeded layer replays the same masks', () => {
    const layer = new Dropout({ rate: 0.3, seed: 42, noiseShape: [null, 1, 4], scaling: 'inference', name: 'drop_a' });
    const config = layer.getConfig();
    expect(config).toMatchObject({ name: 'drop_a', trainable: true, dtype: 'float32', rate: 0.3, noiseShape: [null, 1, 4], seed: 42, scaling: 'inference' });
    const restored = deserializeLayer(JSON.parse(JSON.stringify(serializeLayer(layer))));
    expect(restored).toBeInstanceOf(Dropout);
    expect(restored.getConfig()).toEqual(config);
    const x = tensor(Array.from({ length: 24 }, (_, i) => i + 1), [2, 3, 4]);
    for (let i = 0; i < 3; i++) expect(values(restored.apply(x, TRAIN))).toEqual(values(layer.apply(x, TRAIN)));
    expect(new Dropout({ rate: 0.5 }).getConfig()).toMatchObject({ rate: 0.5, noiseShape: null, seed: null, scaling: 'inverted' });
  });
});

describe('SpatialDropout1D/2D/3D', () => {
  const classes = [SpatialDropout1D, SpatialDropout2D, SpatialDropout3D] as const;

  it('pass the generic layer test in both data formats', () => {
    classes.forEach((Cls, k) => {
      const shape = [2, ...new Array(k + 1).fill(3), 4];
      for (const dataFormat of ['channelsLast', 'channelsFirst'] as const) {
        runLayerTest({
          layer: () => new Cls({ rate: 0.5, seed: 7, dataFormat }),
          inputShape: shape,
          expectedOutputShape: shape,
          expectedNumTrainableWeights: 0,
          expectedNumNonTrainableWeights: 0,
          training: true,
        });
      }
    });
  });

  it('are registered with Keras class names and round-trip their config', () => {
    classes.forEach((Cls, k) => {
      expect(Cls.className).toBe(`SpatialDropout${k + 1}D`);
      const layer = new Cls({ rate: 0.2, seed: 3, dataFormat: 'channelsFirst' });
      const config = layer.getConfig();
      expect(config).toMatchObject({ rate: 0.2, seed: 3, dataFormat: 'channelsFirst' });
      expect(deserializeLayer(serializeLayer(layer)).getConfig()).toEqual(config);
      expect(new Cls({ rate: 0.2 }).dataFormat).toBe('channelsLast');
    });
  });

  it('check the input rank (3, 4, 5), the rate, the seed and the data format', () => {
    expect(() => new SpatialDropout1D({ rate: 0.5 }).apply(tensor([[1, 2]]), TRAIN)).toThrow(
      'SpatialDropout1D: expected an input of rank 3. Received: inputShape=[1,2]',
    );
    expect(() => new SpatialDropout2D({ rate: 0.5 }).apply(tensor([[[1, 2]]]), TRAIN)).toThrow(
      'SpatialDropout2D: expected an input of rank 4. Received: inputShape=[1,1,2]',
    );
    expect(() => new SpatialDropout3D({ rate: 0.5 }).apply(tensor([[[[1, 2]]]]))).toThrow(
      'SpatialDropout3D: expected an input of rank 5. Received: inputShape=[1,1,1,2]',
    );
    // Also after the layer was built with a good input.
    const built = new SpatialDropout1D({ rate: 0.5 });
    built.apply(tensor([[[1, 2]]]), TRAIN);
    expect(() => built.apply(tensor([[1, 2]]), TRAIN)).toThrow('SpatialDropout1D: expected an input of rank 3');
    expect(() => new SpatialDropout2D({ rate: 2 })).toThrow('SpatialDropout2D: rate must be a number in [0, 1]. Received: rate=2');
    expect(() => new SpatialDropout2D({ rate: 0.5, seed: NaN })).toThrow('SpatialDropout2D: seed must be an integer (or null). Received: seed=NaN');
    expect(() => new SpatialDropout3D({ rate: 0.5, dataFormat: 'channels_last' as never })).toThrow(
      "SpatialDropout3D: dataFormat must be 'channelsLast' or 'channelsFirst'. Received: dataFormat='channels_last'",
    );
  });

  it('drop whole channels: a worked 1D example against a hand-built reference', () => {
    // [batch 2, steps 3, channels 4], channels last: each (sample, channel) column is all 0 or all x * 2.
    const xs = Array.from({ length: 24 }, (_, i) => i + 1);
    const out = values(new SpatialDropout1D({ rate: 0.5, seed: 123 }).apply(tensor(xs, [2, 3, 4]), TRAIN));
    for (let b = 0; b < 2; b++) {
      for (let c = 0; c < 4; c++) {
        const column = [0, 1, 2].map((s) => b * 12 + s * 4 + c);
        const dropped = out[column[0]] === 0;
        for (const i of column) expect(out[i]).toBe(dropped ? 0 : xs[i] * 2);
      }
    }
    // Inference: identity.
    expect(values(new SpatialDropout1D({ rate: 0.5 }).apply(tensor(xs, [2, 3, 4])))).toEqual(xs);
    // rate 0 and rate 1 in training.
    expect(values(new SpatialDropout1D({ rate: 0 }).apply(tensor(xs, [2, 3, 4]), TRAIN))).toEqual(xs);
    expect(values(new SpatialDropout1D({ rate: 1 }).apply(tensor(xs, [2, 3, 4]), TRAIN))).toEqual(new Array(24).fill(0));
  });
});
