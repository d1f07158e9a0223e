import '@neurite/backend-cpu';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '@neurite/backend-cpu';
import { WasmBackend } from '@neurite/backend-wasm';
import { NeuriteError, snakeToCamel, tensor } from '@neurite/tensor';
import { Layer, getLayerClass } from '@neurite/layers';
import {
  callbacks, constraints, initializers, layers, losses, metrics, optimizers, regularizers, sequential, model, Input,
} from '../src/index.js';

// Constructors are strict: an option they do not know is an error that names it (and its camelCase form,
// or the nearest known option), never silently ignored. Here every public layer and options object is
// given random unknown, misspelt and snake_case keys.

/** The smallest valid arguments of every layer class Neurite registers. */
const LAYERS: Record<string, Record<string, unknown>> = {
  Dense: { units: 2 }, Activation: { activation: 'relu' }, InputLayer: { inputShape: [3] },
  Conv1D: { filters: 2, kernelSize: 3 }, Conv2D: { filters: 2, kernelSize: 3 }, DepthwiseConv2D: { kernelSize: 3 },
  Conv2DTranspose: { filters: 2, kernelSize: 3 },
  MaxPooling1D: {}, MaxPooling2D: {}, AveragePooling1D: {}, AveragePooling2D: {},
  GlobalMaxPooling1D: {}, GlobalMaxPooling2D: {}, GlobalAveragePooling1D: {}, GlobalAveragePooling2D: {},
  Add: {}, Subtract: {}, Multiply: {}, Average: {}, Maximum: {}, Minimum: {}, Concatenate: {}, Dot: { axes: 1 },
  BatchNormalization: {}, LayerNormalization: {},
  Dropout: { rate: 0.5 }, SpatialDropout1D: { rate: 0.5 }, SpatialDropout2D: { rate: 0.5 }, SpatialDropout3D: { rate: 0.5 },
  GaussianNoise: { stddev: 0.1 }, GaussianDropout: { rate: 0.5 }, AlphaDropout: { rate: 0.5 }, ActivityRegularization: {},
  Flatten: {}, Reshape: { targetShape: [2] },
};

/** Every other options object of the public API: its constructor, and its smallest valid options. */
const OPTIONS: [string, (options: Record<string, unknown>) => unknown, Record<string, unknown>][] = [
  ['GlorotUniform', (o) => initializers.glorotUniform(o), {}],
  ['RandomNormal', (o) => initializers.randomNormal(o), {}],
  ['VarianceScaling', (o) => initializers.varianceScaling(o), {}],
  ['Constant', (o) => initializers.constant(o), {}],
  ['Orthogonal', (o) => initializers.orthogonal(o), {}],
  ['MaxNorm', (o) => constraints.maxNorm(o), {}],
  ['MinMaxNorm', (o) => constraints.minMaxNorm(o), {}],
  ['L1', (o) => regularizers.l1(o), {}],
  ['L2', (o) => regularizers.l2(o), {}],
  ['L1L2', (o) => regularizers.l1l2(o), {}],
  ['CategoricalCrossentropy', (o) => new losses.CategoricalCrossentropy(o), {}],
  ['Huber', (o) => new losses.Huber(o), {}],
  ['CategoricalAccuracy', (o) => new metrics.CategoricalAccuracy(o), {}],
  ['TopKCategoricalAccuracy', (o) => new metrics.TopKCategoricalAccuracy(o), {}],
  ['Adam', (o) => optimizers.adam(o), {}],
  ['SGD', (o) => optimizers.sgd(o), {}],
  ['RMSprop', (o) => optimizers.rmsprop(o), {}],
  ['ExponentialDecay', (o) => optimizers.schedules.exponentialDecay(o as never), { initialLearningRate: 1, decaySteps: 1, decayRate: 0.5 }],
  ['EarlyStopping', (o) => callbacks.earlyStopping(o), {}],
  ['ReduceLROnPlateau', (o) => callbacks.reduceLROnPlateau(o), {}],
  ['Sequential', (o) => sequential(o), {}],
  ['Input', (o) => Input(o), { shape: [3] }],
  ['WasmBackend', (o) => new WasmBackend({ threads: 1, ...o }), {}],
  ['CpuBackend', (o) => new CpuBackend(o), {}],
];

/** Keys each constructor knows: read off the error for a key nobody uses. */
function knownKeys(owner: string, make: (options: Record<string, unknown>) => unknown, minimal: Record<string, unknown>): string[] {
  let message = 'no error at all';
  try {
    make({ ...minimal, zzUnusedKeyForTest: 1 });
  } catch (e) {
    message = (e as Error).message;
    const list = /the options are (.*)\. Received/.exec(message);
    if (list) return [...list[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
  }
  throw new Error(`${owner}: no list of options in the error for an unknown key (${message})`);
}

const camelToSnake = (k: string) => k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** A random wrong key for `known`: a made-up one, a known one in snake_case, or a known one with a typo. */
function arbWrongKey(known: string[]): fc.Arbitrary<{ key: string; kind: string }> {
  const snakeable = known.filter((k) => camelToSnake(k) !== k);
  const typo = fc.tuple(fc.constantFrom(...known), fc.nat(), fc.constantFrom('drop', 'double', 'swap')).map(([k, at, how]) => {
    const i = at % k.length;
    if (how === 'drop') return k.slice(0, i) + k.slice(i + 1);
    if (how === 'double') return k.slice(0, i) + k[i] + k.slice(i);
    return i + 1 < k.length ? k.slice(0, i) + k[i + 1] + k[i] + k.slice(i + 2) : `${k}s`;
  });
  return fc.oneof(
    fc.stringMatching(/^[a-z][a-zA-Z_]{2,14}$/).map((key) => ({ key, kind: 'made-up' })),
    ...(snakeable.length ? [fc.constantFrom(...snakeable).map((k) => ({ key: camelToSnake(k), kind: 'snake_case' }))] : []),
    typo.map((key) => ({ key, kind: 'typo' })),
  ).filter(({ key }) => !known.includes(key));
}

function expectNamedError(make: () => unknown, owner: string, key: string, known: string[]): void {
  let error: unknown = null;
  try {
    make();
  } catch (e) {
    error = e;
  }
  expect(error, `${owner} accepted '${key}'`).toBeInstanceOf(NeuriteError);
  const message = (error as Error).message;
  expect(message).toContain(`${owner}: unknown option '${key}'`);
  const camel = snakeToCamel(key);
  if (camel !== key && known.includes(camel)) expect(message).toContain(`(use ${camel}: options are camelCase)`);
}

describe('no option is silently ignored', () => {
  it('the examples of the hardening issue each get an error naming the key and what to write', () => {
    const l2 = regularizers.l2();
    expect(() => layers.dense({ units: 2, kernel_regularizer: l2 } as never)).toThrow(/Dense: unknown option 'kernel_regularizer' \(use kernelRegularizer: options are camelCase\)/);
    expect(() => layers.dense({ units: 2, kernelRegulariser: l2 } as never)).toThrow(/Dense: unknown option 'kernelRegulariser' \(did you mean 'kernelRegularizer'\?\)/);
    expect(() => layers.dense({ units: 2, use_bias: false } as never)).toThrow(/Dense: unknown option 'use_bias' \(use useBias/);
    expect(() => layers.dense({ units: 2, activaton: 'relu' } as never)).toThrow(/Dense: unknown option 'activaton' \(did you mean 'activation'\?\)/);
    expect(() => layers.dropout({ rate: 0.5, noise_shape: [1] } as never)).toThrow(/Dropout: unknown option 'noise_shape' \(use noiseShape/);
    expect(() => layers.dropout({ rate: 0.5, seeed: 1 } as never)).toThrow(/Dropout: unknown option 'seeed' \(did you mean 'seed'\?\)/);
    expect(() => sequential({ layer: [layers.dense({ units: 1 })] } as never)).toThrow(/Sequential: unknown option 'layer' \(did you mean 'layers'\?\)/);
    const x = Input({ shape: [2] });
    expect(() => model({ inputs: x, outputs: x, output: x } as never)).toThrow(/Model: unknown option 'output' \(did you mean 'outputs'\?\)/);
  });

  it('covers every registered layer class', () => {
    for (const className of Object.keys(LAYERS)) {
      const cls = getLayerClass(className);
      expect(cls, className).toBeDefined();
      expect(new (cls as never as new (a: object) => Layer)(LAYERS[className])).toBeInstanceOf(Layer);
    }
  });

  it('every layer rejects random unknown, snake_case and misspelt keys, naming them', () => {
    for (const [className, minimal] of Object.entries(LAYERS)) {
      const cls = getLayerClass(className) as never as new (args: object) => Layer;
      const known = knownKeys(className, (o) => new cls(o), minimal);
      fc.assert(
        fc.property(arbWrongKey(known), fc.anything(), ({ key }, value) => {
          if (value === undefined) return; // an undefined option counts as absent
          expectNamedError(() => new cls({ ...minimal, [key]: value }), className, key, known);
        }),
        { numRuns: 20 },
      );
    }
  });

  it('every other options object rejects them too: initializers, constraints, regularizers, losses, metrics, optimizers, schedules, callbacks, models, backends', () => {
    for (const [owner, make, minimal] of OPTIONS) {
      const known = knownKeys(owner, make, minimal);
      fc.assert(
        fc.property(arbWrongKey(known), fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null)), ({ key }, value) => {
          expectNamedError(() => make({ ...minimal, [key]: value }), owner, key, known);
        }),
        { numRuns: 20 },
      );
    }
  });

  it('every option of every layer and options object refuses a value of the wrong kind, naming the option', () => {
    // Values no option takes.
    const wrong = fc.constantFrom<unknown>(Number.NaN, 'zzz-not-a-value', { notAnOption: 1 }, [[1]]);
    const owners: [string, (options: Record<string, unknown>) => unknown, Record<string, unknown>][] = [
      ...Object.entries(LAYERS).map(([className, minimal]): [string, (o: Record<string, unknown>) => unknown, Record<string, unknown>] => {
        const cls = getLayerClass(className) as never as new (args: object) => Layer;
        return [className, (o) => new cls(o), minimal];
      }),
      ...OPTIONS,
    ];
    for (const [owner, make, minimal] of owners) {
      // A name takes any non-empty string, and so does monitor (any key of the logs).
      const keys = knownKeys(owner, make, minimal).filter((k) => k !== 'name' && k !== 'monitor');
      if (keys.length === 0) continue; // only a name to give
      fc.assert(
        fc.property(fc.constantFrom(...keys), wrong, (key, value) => {
          let error: unknown = null;
          try {
            make({ ...minimal, [key]: value });
          } catch (e) {
            error = e;
          }
          expect(error, `${owner} accepted ${key}=${JSON.stringify(value)}`).toBeInstanceOf(NeuriteError);
          expect((error as Error).message).toContain(key);
        }),
        { numRuns: 25 },
      );
    }
  });

  it('fit, evaluate and predict options too', async () => {
    const m = sequential({ layers: [layers.dense({ units: 1, inputShape: [2] })] });
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tensor([[1, 2]]);
    const y = tensor([[1]]);
    await expect(m.fit(x, y, { epochs: 1, batch_size: 4 } as never)).rejects.toThrow(/fit: unknown option 'batch_size' \(use batchSize/);
    await expect(m.evaluate(x, y, { verbos: 0 } as never)).rejects.toThrow(/evaluate: unknown option 'verbos' \(did you mean 'verbose'\?\)/);
    expect(() => m.predict(x, { batchsize: 2 } as never)).toThrow(/predict: unknown option 'batchsize' \(did you mean 'batchSize'\?\)/);
    m.dispose();
  });
});
