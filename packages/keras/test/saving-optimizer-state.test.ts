import '@neurite/backend-cpu';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BatchNormalization, Dense, Input } from '@neurite/layers';
import { tensor, variable, zeros, type Tensor, type Variable } from '@neurite/tensor';
import { Sequential, type Model } from '../src/models/index.js';
import { Adagrad, Adam, AdamW, ExponentialDecay, Optimizer, RMSprop, SGD } from '../src/optimizers/index.js';
import { loadModel, loadWeights, saveModel, saveWeights } from '../src/saving/keras-archive/index.js';
import { readHdf5 } from '../src/saving/keras-archive/h5/h5-bytes.js';
import { readOptimizerVars } from '../src/saving/keras-archive/optimizer-state.js';
import { matrix, rand } from './model-helpers.js';
import { fixturePath, fixturesExist, h5, tempDir, weightValues, withH5 } from './saving-archive-helpers.js';

if (!fixturesExist) {
  console.warn('saving-optimizer-state: the real Keras files part is skipped, ../shared/fixtures/keras/ is absent beside the repository (the shared Keras fixtures are not checked out)');
}

afterEach(() => {
  vi.restoreAllMocks();
});

const x = tensor(matrix(24, 4, 1));
const labels = Array.from({ length: 24 }, (_, i) => (i * 7) % 3);
const y = tensor(labels.map((c) => [0, 1, 2].map((k) => (k === c ? 1 : 0))));
const FIT = { batchSize: 8, shuffle: false, verbose: 0 } as const;

/** Dense layers only (no dropout): training is deterministic. */
function net(norm = false): Sequential {
  return new Sequential({
    layers: [
      Input({ shape: [4] }),
      new Dense({ units: 6, activation: 'tanh' }),
      ...(norm ? [new BatchNormalization()] : []),
      new Dense({ units: 3, activation: 'softmax' }),
    ],
  });
}

/** Two models with the same starting weights, each compiled with its own optimizer from `make`. */
function twins(make: () => Optimizer): [Sequential, Sequential] {
  const a = net();
  const b = net();
  const start = a.getWeights();
  b.setWeights(start);
  start.forEach((t) => t.dispose());
  a.compile({ optimizer: make(), loss: 'categoricalCrossentropy' });
  b.compile({ optimizer: make(), loss: 'categoricalCrossentropy' });
  return [a, b];
}

function optimizerOf(model: Model): Optimizer {
  const opt = model.compiled?.optimizer;
  if (!(opt instanceof Optimizer)) throw new Error('not compiled with a Neurite optimizer');
  return opt;
}

/** The datasets under optimizer/vars of a .keras archive's weights, read with h5wasm directly, in numeric order. */
async function storedOptimizerVars(archive: Uint8Array): Promise<{ names: string[]; attrs: Record<string, unknown>; vars: { dtype: string; shape: number[]; values: number[] }[] }> {
  return withH5(unzipSync(archive)['model.weights.h5'], (file) => {
    const group = file.get('optimizer/vars') as import('h5wasm').Group | null;
    if (!group) return { names: [], attrs: {}, vars: [] };
    const names = group.keys().sort((a, b) => Number(a) - Number(b));
    const attrs = Object.fromEntries(Object.entries(group.attrs).map(([k, v]) => [k, v.value]));
    const vars = names.map((n) => {
      const ds = file.get(`optimizer/vars/${n}`) as import('h5wasm').Dataset;
      const raw = ds.value as unknown;
      const values = typeof raw === 'bigint' || typeof raw === 'number' ? [Number(raw)] : Array.from(raw as ArrayLike<number | bigint>, Number);
      return { dtype: String(ds.dtype), shape: [...(ds.shape ?? [])], values };
    });
    return { names, attrs, vars };
  });
}

const CASES: [string, () => Optimizer][] = [
  ['Adam', () => new Adam({ learningRate: 0.01 })],
  ['Adam with amsgrad', () => new Adam({ learningRate: 0.01, amsgrad: true })],
  ['AdamW', () => new AdamW({ learningRate: 0.01, weightDecay: 0.05 })],
  ['SGD with momentum', () => new SGD({ learningRate: 0.05, momentum: 0.9 })],
  ['SGD with Nesterov momentum and a schedule', () => new SGD({ learningRate: new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 4, decayRate: 0.5 }), momentum: 0.8, nesterov: true })],
  ['RMSprop with momentum, centered', () => new RMSprop({ learningRate: 0.01, momentum: 0.5, centered: true })],
  ['RMSprop', () => new RMSprop({ learningRate: 0.01 })],
  ['Adagrad', () => new Adagrad({ learningRate: 0.05, initialAccumulatorValue: 0.2 })],
];

describe('optimizer state in .keras files: training resumes exactly', () => {
  it.each(CASES)('%s: 3 epochs, save, load, 2 more epochs gives the weights of 5 uninterrupted epochs', async (_, make) => {
    const [straight, resumed] = twins(make);
    await straight.fit(x, y, { ...FIT, epochs: 5 });
    await resumed.fit(x, y, { ...FIT, epochs: 3 });
    const bytes = await saveModel(resumed);
    const warn = vi.spyOn(console, 'warn');
    const loaded = await loadModel(bytes);
    expect(warn).not.toHaveBeenCalled();
    expect(optimizerOf(loaded).iterations).toBe(9); // 3 batches a epoch
    expect(optimizerOf(loaded).getConfig()).toEqual(optimizerOf(resumed).getConfig());
    await loaded.fit(x, y, { ...FIT, epochs: 2 });
    expect(optimizerOf(loaded).iterations).toBe(15);
    expect(weightValues(loaded)).toEqual(weightValues(straight));

    // The control: the same two epochs from the same weights with a fresh optimizer end elsewhere.
    const fresh = await loadModel(bytes, { compile: false });
    fresh.compile({ optimizer: make(), loss: 'categoricalCrossentropy' });
    await fresh.fit(x, y, { ...FIT, epochs: 2 });
    expect(weightValues(fresh)).not.toEqual(weightValues(straight));
    for (const m of [straight, resumed, loaded, fresh]) m.dispose();
  });
});

describe('optimizer state in .weights.h5 files (as Keras save_weights / load_weights)', () => {
  it('saveWeights of a compiled model carries the state; loadWeights into a compiled twin resumes exactly', async () => {
    const make = () => new Adam({ learningRate: 0.01 });
    const [straight, resumed] = twins(make);
    await straight.fit(x, y, { ...FIT, epochs: 5 });
    await resumed.fit(x, y, { ...FIT, epochs: 3 });
    const bytes = await saveWeights(resumed);
    expect(await withH5(bytes, (file) => file.keys())).toContain('optimizer');
    const target = net();
    target.compile({ optimizer: make(), loss: 'categoricalCrossentropy' });
    await loadWeights(target, bytes);
    expect(optimizerOf(target).iterations).toBe(9);
    await target.fit(x, y, { ...FIT, epochs: 2 });
    expect(weightValues(target)).toEqual(weightValues(straight));
    // an uncompiled model takes the weights and ignores the state
    const bare = net();
    await loadWeights(bare, bytes);
    expect(weightValues(bare)).toEqual(weightValues(resumed));
    for (const m of [straight, resumed, target, bare]) m.dispose();
  });
});

describe('the written layout (Keras 3: optimizer/vars/<i>)', () => {
  it('iterations as int64, learning_rate as float32, then the slots in Keras order, with the name attribute', async () => {
    const model = net(true);
    model.compile({ optimizer: new RMSprop({ learningRate: 0.02, momentum: 0.3, centered: true }), loss: 'categoricalCrossentropy' });
    await model.fit(x, y, { ...FIT, epochs: 1 });
    const { names, attrs, vars } = await storedOptimizerVars(await saveModel(model));
    // Trainable variables: dense kernel, bias; batch_normalization gamma, beta; dense_1 kernel, bias.
    const shapes = [[4, 6], [6], [6], [6], [6, 3], [3]];
    expect(names).toEqual(Array.from({ length: 2 + 3 * 6 }, (_, i) => String(i)));
    expect(attrs).toEqual({ name: 'rmsprop' });
    expect(vars.map((v) => v.dtype)).toEqual(['<q', ...Array(19).fill('<f')]);
    expect(vars.map((v) => v.shape)).toEqual([[], [], ...shapes, ...shapes, ...shapes]); // velocity, momentum, average_gradient passes
    expect(vars[0].values).toEqual([3]);
    expect(vars[1].values).toEqual([Math.fround(0.02)]);
    // The values are the optimizer's own, in the order stateVariables lists them.
    const state = optimizerOf(model).stateVariables(model.trainableWeights.map((w) => w.variable));
    expect(state.map((s) => s.name).slice(0, 4)).toEqual(['iterations', 'learning_rate', `${model.trainableWeights[0].variable.name}/velocity`, `${model.trainableWeights[1].variable.name}/velocity`]);
    state.slice(2).forEach((s, i) => expect(vars[i + 2].values).toEqual(Array.from((s.value as Variable).dataSync())));
    model.dispose();
  });

  it('Adam interleaves momentum and velocity per variable, velocity_hat after them all; no learning_rate with a schedule', async () => {
    const model = net();
    model.compile({ optimizer: new Adam({ learningRate: new ExponentialDecay({ initialLearningRate: 0.01, decaySteps: 5, decayRate: 0.9 }), amsgrad: true }), loss: 'categoricalCrossentropy' });
    await model.fit(x, y, { ...FIT, epochs: 1, batchSize: 24 });
    const { vars } = await storedOptimizerVars(await saveModel(model));
    const shapes = [[4, 6], [6], [6, 3], [3]];
    expect(vars.map((v) => v.shape)).toEqual([[], ...shapes.flatMap((s) => [s, s]), ...shapes]);
    expect(vars[0]).toEqual({ dtype: '<q', shape: [], values: [1] });
    model.dispose();
  });

  it('an optimizer that has not stepped is written built (iterations 0, initial slots); nothing without a Neurite optimizer', async () => {
    const model = net();
    model.compile({ optimizer: new Adagrad({ initialAccumulatorValue: 0.25 }), loss: 'categoricalCrossentropy' });
    const { vars } = await storedOptimizerVars(await saveModel(model));
    expect(vars.map((v) => v.shape)).toEqual([[], [], [4, 6], [6], [6, 3], [3]]);
    expect(vars[0].values).toEqual([0]);
    expect(vars.slice(2).every((v) => v.values.every((n) => n === 0.25))).toBe(true);
    const plain = net();
    expect((await storedOptimizerVars(await saveModel(plain))).names).toEqual([]);
    expect(await withH5(await saveWeights(plain), (file) => file.keys())).not.toContain('optimizer');
    // A model loaded from that file trains on from the same (initial) state.
    const loaded = await loadModel(await saveModel(model));
    expect(optimizerOf(loaded).iterations).toBe(0);
    model.dispose();
    plain.dispose();
    loaded.dispose();
  });
});

/** A .keras archive with its config.json edited by `edit`. */
function withConfig(archive: Uint8Array, edit: (config: Record<string, any>) => void): Uint8Array {
  const files = unzipSync(archive);
  const config = JSON.parse(strFromU8(files['config.json']));
  edit(config);
  files['config.json'] = strToU8(JSON.stringify(config));
  return zipSync(files, { level: 0 });
}

describe('a saved state that does not fit the optimizer is skipped with a warning (as Keras does)', () => {
  it('amsgrad in the file but not in the config, or another optimizer: warns why and loads the rest', async () => {
    const model = net();
    model.compile({ optimizer: new Adam({ learningRate: 0.01, amsgrad: true }), loss: 'categoricalCrossentropy' });
    await model.fit(x, y, { ...FIT, epochs: 1 });
    const bytes = await saveModel(model);

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const noAmsgrad = await loadModel(withConfig(bytes, (c) => (c.compile_config.optimizer.config.amsgrad = false)));
    expect(warn).toHaveBeenCalledTimes(1);
    const message = String(warn.mock.calls[0][0]);
    expect(message).toContain("skipping variable loading for optimizer 'adam'");
    expect(message).toContain('has 10 variables (iterations, learning_rate, then momentum and velocity of each of 4 model variables) whereas the saved optimizer has 14 variables');
    expect(weightValues(noAmsgrad)).toEqual(weightValues(model));
    expect(optimizerOf(noAmsgrad).iterations).toBe(0);
    await noAmsgrad.fit(x, y, { ...FIT, epochs: 1 });

    warn.mockClear();
    const sgd = await loadModel(withConfig(bytes, (c) => (c.compile_config.optimizer = { module: 'keras.optimizers', class_name: 'SGD', config: { learning_rate: 0.1, momentum: 0.9 } })));
    expect(String(warn.mock.calls[0][0])).toContain("SGD 'SGD' has 6 variables (iterations, learning_rate, then momentum of each of 4 model variables) whereas the saved optimizer has 14 variables");
    expect(optimizerOf(sgd).iterations).toBe(0);
    expect(weightValues(sgd)).toEqual(weightValues(model));

    // With compile: false the state is not even read.
    warn.mockClear();
    const bare = await loadModel(withConfig(bytes, (c) => (c.compile_config.optimizer.config.amsgrad = false)), { compile: false });
    expect(warn).not.toHaveBeenCalled();
    for (const m of [model, noAmsgrad, sgd, bare]) m.dispose();
  });
});

describe('reading optimizer/vars', () => {
  /** HDF5 bytes with `optimizer/vars` filled by `fill`, written with h5wasm directly. */
  async function h5Bytes(fill: (group: import('h5wasm').Group) => void): Promise<Uint8Array> {
    const api = await h5();
    const { dir, remove } = tempDir();
    try {
      const path = join(dir, 'w.h5');
      const file = new api.File(path, 'w');
      fill(file.create_group('optimizer').create_group('vars'));
      file.close();
      return new Uint8Array(readFileSync(path));
    } finally {
      remove();
    }
  }
  const read = (bytes: Uint8Array) => readHdf5(bytes, 'w.h5', 'test', readOptimizerVars);

  it('reads int64 iterations as an integer and the rest as floats, in numeric order (10 after 9)', async () => {
    const bytes = await h5Bytes((g) => {
      g.create_dataset({ name: '0', data: BigInt64Array.of(123456789012n), shape: [], dtype: '<q' });
      for (let i = 1; i <= 10; i++) g.create_dataset({ name: String(i), data: Float32Array.of(i, -i), shape: [2], dtype: '<f' });
    });
    const state = await read(bytes);
    if (!state || 'problem' in state) throw new Error('expected values');
    expect(state.values[0]).toEqual({ shape: [], values: [123456789012], kind: 'int' });
    expect(state.values.slice(1).map((v) => [v.kind, Array.from(v.values)])).toEqual(Array.from({ length: 10 }, (_, i) => ['float', [i + 1, -(i + 1)]]));
  });

  it('a group not numbered 0..n-1 is a problem to warn about, not an error', async () => {
    const bytes = await h5Bytes((g) => {
      g.create_dataset({ name: '0', data: BigInt64Array.of(1n), shape: [], dtype: '<q' });
      g.create_dataset({ name: '2', data: Float32Array.of(1), shape: [], dtype: '<f' });
    });
    expect(await read(bytes)).toEqual({ problem: "'optimizer/vars' holds [0, 2], not variables numbered 0..1" });
  });
});

describe('Optimizer.stateVariables / loadState', () => {
  const a = variable(tensor([[1, 2, 3], [4, 5, 6]]));
  const b = variable(tensor([1, 2]));
  const f32 = (values: number[], shape: number[]) => ({ shape, values: Float32Array.from(values), kind: 'float' as const });

  it('restores iterations, the learning rate and the slots; keeps a rate the file only rounded to float32', () => {
    const opt = new Adam({ learningRate: 0.001 });
    const zeros6 = Array(6).fill(0);
    const saved = [
      { shape: [], values: [42], kind: 'int' as const },
      f32([0.001], []),
      f32([1, 2, 3, 4, 5, 6], [2, 3]), f32(zeros6.map((_, i) => i / 10), [2, 3]),
      f32([7, 8], [2]), f32([0.5, 0.25], [2]),
    ];
    opt.loadState([a, b], saved);
    expect(opt.iterations).toBe(42);
    expect(opt.learningRate).toBe(0.001);
    const state = opt.stateVariables([a, b]);
    expect(state.map((s) => [s.name, s.dtype, s.shape])).toEqual([
      ['iterations', 'int64', []], ['learning_rate', 'float32', []],
      [`${a.name}/momentum`, 'float32', [2, 3]], [`${a.name}/velocity`, 'float32', [2, 3]],
      [`${b.name}/momentum`, 'float32', [2]], [`${b.name}/velocity`, 'float32', [2]],
    ]);
    expect(Array.from((state[4].value as Tensor).dataSync())).toEqual([7, 8]);
    // Another rate in the file replaces a numeric one.
    opt.loadState([a, b], [saved[0], f32([0.125], []), ...saved.slice(2)]);
    expect(opt.learningRate).toBe(0.125);
    opt.dispose();
  });

  it('a state of iterations and learning rate only (a Keras optimizer that never stepped) restores those and leaves the slots', () => {
    const opt = new SGD({ learningRate: 0.1, momentum: 0.9 });
    opt.loadState([a, b], [{ shape: [], values: [0], kind: 'int' }, f32([0.25], [])]);
    expect(opt.learningRate).toBe(0.25);
    expect(opt.variables).toHaveLength(0);
    opt.dispose();
  });

  it('refuses a wrong count, shape, storage or value, naming the optimizer, the index and the expected shape, and changes nothing', () => {
    const opt = new Adagrad({ learningRate: 0.1 });
    const good = [{ shape: [], values: [5], kind: 'int' as const }, f32([0.1], []), f32(Array(6).fill(1), [2, 3]), f32([1, 1], [2])];
    expect(() => opt.loadState([a, b], good.slice(0, 3))).toThrow(
      "Adagrad 'adagrad' has 4 variables (iterations, learning_rate, then accumulator of each of 2 model variables) whereas the saved optimizer has 3 variables",
    );
    expect(() => opt.loadState([a, b], [...good.slice(0, 2), f32(Array(6).fill(1), [3, 2]), good[3]])).toThrow(
      `Adagrad 'adagrad': saved variable 2 (accumulator of '${a.name}') must have shape [2, 3]; the saved one has [3, 2]`,
    );
    expect(() => opt.loadState([a, b], [f32([5], []), ...good.slice(1)])).toThrow(
      "Adagrad 'adagrad': saved variable 0 (iterations) must be stored as integers (int64); the saved one holds floating-point numbers",
    );
    expect(() => opt.loadState([a, b], [{ shape: [], values: [-1], kind: 'int' }, ...good.slice(1)])).toThrow('saved variable 0 (iterations) must be an integer >= 0');
    expect(opt.iterations).toBe(0);
    expect(opt.variables).toHaveLength(0);
    opt.loadState([a, b], good);
    expect(opt.iterations).toBe(5);
    opt.dispose();
  });

  it('build creates every slot in Keras order at its initial value; a disposed optimizer refuses', () => {
    const opt = new Adagrad({ initialAccumulatorValue: 0.5 });
    opt.build([a, b]);
    expect(opt.variables.map((v) => Array.from(v.dataSync()))).toEqual([Array(6).fill(0.5), [0.5, 0.5]]);
    opt.dispose();
    expect(() => opt.stateVariables([a])).toThrow('Adagrad: stateVariables was called after dispose()');
    const z = zeros([1]);
    expect(() => new SGD().stateVariables([z as Variable])).toThrow('variables[0] must be a Variable');
    z.dispose();
  });
});

describe.skipIf(!fixturesExist)('the real Keras 3 files load with their optimizer state', () => {
  const FILES: [string, number, number[]][] = [
    ['mnist-mlp-dropout.keras', 15000, [28, 28]],
    ['mnist-convnet-keras3.1.keras', 6330, [28, 28, 1]],
  ];

  it.each(FILES)('%s: iterations %i, the moments equal to the file\'s, and fit continues', async (file, iterations, inputShape) => {
    const warn = vi.spyOn(console, 'warn');
    const model = await loadModel(fixturePath(file));
    expect(warn).not.toHaveBeenCalled();
    const opt = optimizerOf(model);
    expect(opt.className).toBe('Adam');
    expect(opt.iterations).toBe(iterations);
    // Keras 3.10 wrote learning_rate 0.0010000000474974513 into the config, Keras 3.1.1 the string 'adam'.
    expect(opt.learningRate).toBe(file.includes('mlp') ? Math.fround(0.001) : 0.001);
    const stored = await storedOptimizerVars(readFileSync(fixturePath(file)));
    expect(stored.vars).toHaveLength(14);
    expect(stored.vars[0].values).toEqual([iterations]);
    const state = opt.stateVariables(model.trainableWeights.map((w) => w.variable));
    expect(state).toHaveLength(14);
    // "2" is the first kernel's momentum, "3" its velocity, "13" the last bias's velocity.
    for (const i of [2, 3, 13]) {
      expect(state[i].shape).toEqual(stored.vars[i].shape);
      expect(Array.from((state[i].value as Tensor).dataSync())).toEqual(stored.vars[i].values);
    }
    expect(state[2].name).toBe(`${model.trainableWeights[0].variable.name}/momentum`);
    // One more batch trains from there.
    const r = rand(3);
    const n = 4;
    const images = tensor(Float32Array.from({ length: n * 784 }, () => Math.abs(r())), [n, ...inputShape]);
    const digits = [3, 1, 4, 1];
    // The MLP was compiled with sparse_categorical_crossentropy, the convnet with categorical_crossentropy.
    const target = file.includes('convnet') ? tensor(digits.map((d) => Array.from({ length: 10 }, (_, k) => (k === d ? 1 : 0)))) : tensor(digits, [n], 'int32');
    const history = await model.fit(images, target, { epochs: 1, batchSize: n, verbose: 0 });
    expect(Number.isFinite(history.history.loss[0])).toBe(true);
    expect(opt.iterations).toBe(iterations + 1);
    model.dispose();
  });
});
