import '@neurite/backend-cpu';
import { describe, expect, it } from 'vitest';
import { memory, tensor, type Tensor } from '@neurite/tensor';
import { l1, l2 } from '@neurite/regularizers';
import {
  ActivationLayer, Dense, InputLayer, deserializeLayer, initializers, serializeLayer,
} from '../src/index.js';
import { runLayerTest } from './harness.js';

/** Deterministic pseudo-random values in [-1, 1) (a small LCG), independent of the library's RNG. */
function rand(n: number, seed: number): number[] {
  let s = seed >>> 0;
  return Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32) * 2 - 1;
  });
}

function close(actual: ArrayLike<number>, expected: number[], tol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i]), `element ${i}: ${actual[i]} vs ${expected[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected[i])));
  }
}

/** y = act(x · W + b) for x of shape [rows, inDim] (flattened leading axes), in plain JS. */
function denseRef(x: number[], rows: number, inDim: number, w: number[], b: number[] | null, units: number, act = (v: number) => v): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let u = 0; u < units; u++) {
      let acc = b ? b[u] : 0;
      for (let k = 0; k < inDim; k++) acc += x[r * inDim + k] * w[k * units + u];
      out.push(act(acc));
    }
  }
  return out;
}

describe('Dense through the layer harness', () => {
  it('rank 2, with and without bias', () => {
    runLayerTest({ layer: () => new Dense({ units: 3 }), inputShape: [2, 4], expectedOutputShape: [2, 3], expectedNumTrainableWeights: 2, expectedNumNonTrainableWeights: 0, expectedNumLosses: 0 });
    runLayerTest({ layer: () => new Dense({ units: 5, useBias: false, activation: 'relu' }), inputShape: [3, 2], expectedOutputShape: [3, 5], expectedNumTrainableWeights: 1, expectedNumNonTrainableWeights: 0, expectedNumLosses: 0 });
  });

  it('rank 3 and 4 inputs contract the last axis', () => {
    runLayerTest({ layer: () => new Dense({ units: 2, activation: 'tanh' }), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 2], expectedNumTrainableWeights: 2, expectedNumNonTrainableWeights: 0 });
    runLayerTest({ layer: () => new Dense({ units: 1 }), inputShape: [1, 2, 3, 4], expectedOutputShape: [1, 2, 3, 1], expectedNumTrainableWeights: 2, expectedNumNonTrainableWeights: 0 });
  });

  it('regularizers (names and instances) and constraints are counted and serialized', () => {
    const result = runLayerTest({
      layer: () =>
        new Dense({
          units: 3,
          kernelRegularizer: 'l2',
          biasRegularizer: l1({ l1: 0.5 }),
          activityRegularizer: l2({ l2: 0.1 }),
          kernelConstraint: 'maxNorm',
          biasConstraint: 'nonNeg',
          kernelInitializer: initializers.heNormal({ seed: 4 }),
          biasInitializer: 'ones',
        }),
      inputShape: [4, 2],
      expectedOutputShape: [4, 3],
      expectedNumTrainableWeights: 2,
      expectedNumNonTrainableWeights: 0,
      expectedNumLosses: 3,
    });
    expect(result.config.kernelRegularizer).toEqual({ className: 'L2', config: { l2: 0.01 } });
    expect(result.config.biasRegularizer).toEqual({ className: 'L1', config: { l1: 0.5 } });
    expect(result.config.activityRegularizer).toEqual({ className: 'L2', config: { l2: 0.1 } });
    expect(result.config.kernelInitializer).toEqual({ className: 'HeNormal', config: { seed: 4 } });
    expect((result.config.kernelConstraint as { className: string }).className).toBe('MaxNorm');
    expect((result.config.biasConstraint as { className: string }).className).toBe('NonNeg');
  });
});

describe('Dense values', () => {
  it('matches a plain-JS reference for rank 2 and rank 3 inputs, with relu', () => {
    for (const [shape, units, seed] of [[[3, 4], 2, 1], [[2, 3, 5], 4, 2], [[1, 1], 1, 3]] as [number[], number, number][]) {
      const inDim = shape[shape.length - 1];
      const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
      const xs = rand(rows * inDim, seed);
      const w = rand(inDim * units, seed + 10);
      const b = rand(units, seed + 20);
      const layer = new Dense({ units, activation: 'relu' });
      const x = tensor(xs, shape);
      layer.apply(x).dispose();
      layer.setWeights([tensor(w, [inDim, units]), tensor(b, [units])]);
      const y = layer.apply(x);
      expect([...y.shape]).toEqual([...shape.slice(0, -1), units]);
      close(y.dataSync(), denseRef(xs, rows, inDim, w, b, units, (v) => Math.max(v, 0)));
      layer.dispose();
    }
  });

  it('default initializers: glorotUniform kernel within its limit, zero bias', () => {
    const layer = new Dense({ units: 30, kernelInitializer: initializers.glorotUniform({ seed: 7 }) });
    const y = layer.apply(tensor(rand(20, 1), [1, 20]));
    const limit = Math.sqrt(6 / (20 + 30));
    const k = Array.from((layer.kernel as { read(): Tensor }).read().dataSync());
    expect(k.every((v) => Math.abs(v) <= limit)).toBe(true);
    expect(Math.max(...k)).toBeGreaterThan(limit / 2);
    expect(Array.from(layer.bias!.read().dataSync())).toEqual(new Array(30).fill(0));
    y.dispose();
    layer.dispose();
  });

  it('getConfig lists every constructor argument', () => {
    const layer = new Dense({ units: 4, name: 'my_dense' });
    expect(layer.getConfig()).toEqual({
      name: 'my_dense',
      trainable: true,
      dtype: 'float32',
      units: 4,
      activation: 'linear',
      useBias: true,
      kernelInitializer: { className: 'GlorotUniform', config: { seed: null } },
      biasInitializer: { className: 'Zeros', config: {} },
      kernelRegularizer: null,
      biasRegularizer: null,
      kernelConstraint: null,
      biasConstraint: null,
    });
    const spec = serializeLayer(layer);
    const again = deserializeLayer(JSON.parse(JSON.stringify(spec)));
    expect(again).toBeInstanceOf(Dense);
    expect(again.getConfig()).toEqual(layer.getConfig());
  });

  it('rejects bad arguments with the class, the argument and the value', () => {
    expect(() => new Dense({ units: 0 })).toThrow('Dense: units must be a positive integer. Received: units=0');
    expect(() => new Dense({ units: 1.5 })).toThrow(/Received: units=1.5$/);
    expect(() => new Dense({ units: '3' as unknown as number })).toThrow(/Received: units='3'/);
    expect(() => new Dense({ units: 2, useBias: 'yes' as unknown as boolean })).toThrow(/Dense: useBias must be a boolean. Received: useBias='yes'/);
    expect(() => new Dense({ units: 2, activation: 'nope' })).toThrow(/unknown activation 'nope'/);
    expect(() => new Dense({ units: 2, kernelInitializer: 'nope' })).toThrow(/Dense: kernelInitializer: unknown initializer/);
    expect(() => new Dense({ units: 2, kernelRegularizer: 'nope' })).toThrow(/Dense: kernelRegularizer: .*Received: kernelRegularizer='nope'/);
  });

  it('rejects inputs of rank 1 or with a different last axis', () => {
    const layer = new Dense({ units: 2 });
    expect(() => layer.apply(tensor([1, 2, 3]))).toThrow('Dense: expected input of rank >= 2 with a known last axis. Received: shape=[3]');
    layer.apply(tensor([[1, 2, 3]])).dispose();
    expect(() => layer.apply(tensor([[1, 2]]))).toThrow(/whose last axis is 3 .*Received: shape=\[1, 2\]/);
    expect(() => layer.computeOutputShape([null, null])).toThrow(/Received: shape=\[null, null\]/);
    expect(layer.computeOutputShape([null, 7, 3])).toEqual([null, 7, 2]);
    layer.dispose();
  });
});

describe('Activation layer', () => {
  it('through the harness, and values', () => {
    runLayerTest({
      layer: () => new ActivationLayer({ activation: 'relu' }),
      inputShape: [2, 3, 4],
      expectedOutputShape: [2, 3, 4],
      expectedNumTrainableWeights: 0,
      expectedNumNonTrainableWeights: 0,
      expectedNumLosses: 0,
      customCheck: (output, _layer, input) => {
        close(output.dataSync(), Array.from(input.dataSync()).map((v) => Math.max(v, 0)));
      },
    });
    const layer = new ActivationLayer({ activation: 'sigmoid' });
    const y = layer.apply(tensor([0, 2, -1]));
    close(y.dataSync(), [0.5, 1 / (1 + Math.exp(-2)), 1 / (1 + Math.exp(1))]);
    y.dispose();
  });

  it('serializes by Keras name; linear returns a copy the caller owns', () => {
    expect(new ActivationLayer({ activation: 'leakyRelu' }).getConfig().activation).toBe('leaky_relu');
    expect(ActivationLayer.className).toBe('Activation');
    const x = tensor([1, -2]);
    const y = new ActivationLayer({ activation: 'linear' }).apply(x);
    expect(y).not.toBe(x);
    y.dispose();
    expect(Array.from(x.dataSync())).toEqual([1, -2]);
    expect(() => new ActivationLayer({} as never)).toThrow(/Activation: activation must be a name or a function. Received: activation=undefined/);
  });
});

describe('InputLayer', () => {
  it('through the harness: an identity that checks the declared shape', () => {
    const result = runLayerTest({
      layer: () => new InputLayer({ inputShape: [3, 4] }),
      inputShape: [2, 3, 4],
      expectedOutputShape: [2, 3, 4],
      expectedNumTrainableWeights: 0,
      expectedNumNonTrainableWeights: 0,
      customCheck: (output, _layer, input) => expect(Array.from(output.dataSync())).toEqual(Array.from(input.dataSync())),
    });
    expect(result.config.batchInputShape).toEqual([null, 3, 4]);
    expect(new InputLayer({ inputShape: [2], batchSize: 8 }).batchInputShape).toEqual([8, 2]);
    expect(new InputLayer({ batchInputShape: [null, 5] }).getConfig().batchInputShape).toEqual([null, 5]);
  });

  it('rejects missing or contradictory shapes and inputs that do not fit', () => {
    expect(() => new InputLayer()).toThrow(/InputLayer: inputShape must be given \(or batchInputShape\)/);
    expect(() => new InputLayer({ inputShape: [2], batchInputShape: [null, 2] })).toThrow(/left out when batchInputShape is given/);
    expect(() => new InputLayer({ inputShape: [2.5] as never })).toThrow(/Received: inputShape=\[2.5\]/);
    expect(() => new InputLayer({ inputShape: [2], batchSize: 0 })).toThrow(/Received: batchSize=0/);
    const layer = new InputLayer({ inputShape: [3] });
    expect(() => layer.apply(tensor([[1, 2]]))).toThrow(/does not fit the declared shape \[null, 3\]/);
  });

  it('leaves no tensors behind after rejected calls', () => {
    const before = memory().numTensors;
    const layer = new Dense({ units: 2 });
    const x = tensor([[1, 2]]);
    layer.apply(x).dispose();
    const bad = tensor([[1, 2, 3]]);
    expect(() => layer.apply(bad)).toThrow();
    bad.dispose();
    x.dispose();
    layer.dispose();
    expect(memory().numTensors).toBe(before);
  });
});
