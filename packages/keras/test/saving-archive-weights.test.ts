import '@neurite/backend-cpu';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BatchNormalization, Dense, Input, Layer, type LayerShape } from '@neurite/layers';
import { tensor, type Tensor } from '@neurite/tensor';
import { Model, Sequential } from '../src/models/index.js';
import { loadModel, loadWeights, saveModel, saveWeights } from '../src/saving/keras-archive/index.js';
import { exactlyEqual, fillWeights, h5, sortedPaths, tempDir, weightValues, withH5 } from './saving-archive-helpers.js';
import { matrix, rand } from './model-helpers.js';

/** A pass-through layer with 12 variables of shapes [1] … [12]. */
class ManyWeights extends Layer {
  static override className = 'ManyWeights';
  override build(inputShape: LayerShape | LayerShape[]): void {
    for (let i = 0; i < 12; i++) this.addWeight({ name: `w${i}`, shape: [i + 1] });
    super.build(inputShape);
  }
  call(inputs: Tensor | Tensor[]): Tensor {
    return inputs as Tensor;
  }
}

function mlp(names = false): Sequential {
  return new Sequential({
    layers: [
      Input({ shape: [4] }),
      new Dense({ units: 3, activation: 'relu', name: names ? 'first' : undefined }),
      new BatchNormalization({ name: names ? 'norm' : undefined }),
      new Dense({ units: 2, activation: 'softmax', name: names ? 'last' : undefined }),
    ],
  });
}

describe('saveWeights / loadWeights (.weights.h5)', () => {
  it('moves weights between two models of the same architecture, whatever their layer names', async () => {
    const a = mlp();
    fillWeights(a, 11);
    const b = mlp(true);
    const { dir, remove } = tempDir();
    try {
      const path = join(dir, 'model.weights.h5');
      const bytes = await saveWeights(a, path);
      expect(readFileSync(path)).toEqual(Buffer.from(bytes));
      await loadWeights(b, path);
      expect(weightValues(b)).toEqual(weightValues(a));
      const x = tensor(matrix(5, 4, 1));
      expect(exactlyEqual(b.predict(x) as Tensor, a.predict(x) as Tensor)).toBe(true);
    } finally {
      remove();
      a.dispose();
      b.dispose();
    }
  });

  it('writes Keras 3 paths: class-name groups, trainable variables before the moving statistics, a name attribute', async () => {
    const model = mlp(true);
    fillWeights(model, 12);
    const layout = await withH5(await saveWeights(model), (file) => ({
      paths: sortedPaths(file),
      names: ['layers/dense/vars', 'layers/batch_normalization/vars', 'layers/dense_1/vars', 'vars'].map((p) => (file.get(p) as { attrs: Record<string, { value: unknown }> }).attrs.name.value),
      gamma: Array.from((file.get('layers/batch_normalization/vars/0') as { value: Float32Array }).value),
      variance: Array.from((file.get('layers/batch_normalization/vars/3') as { value: Float32Array }).value),
    }));
    expect(layout.paths).toEqual([
      'layers',
      'layers/batch_normalization', 'layers/batch_normalization/vars',
      'layers/batch_normalization/vars/0', 'layers/batch_normalization/vars/1', 'layers/batch_normalization/vars/2', 'layers/batch_normalization/vars/3',
      'layers/dense', 'layers/dense/vars', 'layers/dense/vars/0', 'layers/dense/vars/1',
      'layers/dense_1', 'layers/dense_1/vars', 'layers/dense_1/vars/0', 'layers/dense_1/vars/1',
      'vars',
    ]);
    expect(layout.names).toEqual(['first', 'norm', 'last', model.name]);
    const bn = model.getLayer('norm');
    expect(layout.gamma).toEqual(Array.from(bn.weights.find((w) => w.name === 'gamma')!.read().dataSync()));
    expect(layout.variance).toEqual(Array.from(bn.weights.find((w) => w.name === 'moving_variance')!.read().dataSync()));
    model.dispose();
  });

  it('functional models store their InputLayers and nested models under <path>/layers/...', async () => {
    const input = Input({ shape: [4] });
    const inner = new Sequential({ layers: [Input({ shape: [4] }), new Dense({ units: 4 }), new Dense({ units: 4 })] });
    const out = new Dense({ units: 2 }).apply(inner.apply(new Dense({ units: 4 }).apply(input)));
    const model = new Model({ inputs: input, outputs: out });
    const paths = await withH5(await saveWeights(model), sortedPaths);
    expect(paths.filter((p) => p.endsWith('/vars') || p === 'vars')).toEqual([
      'layers/dense/vars', 'layers/dense_1/vars', 'layers/input_layer/vars',
      'layers/sequential/layers/dense/vars', 'layers/sequential/layers/dense_1/vars', 'layers/sequential/vars',
      'vars',
    ]);
    // The outer Dense before the nested model is `dense`, the one after it `dense_1`.
    const values = await withH5(await saveWeights(model), (f) => (f.get('layers/dense_1/vars/0') as { shape: number[] }).shape);
    expect(values).toEqual([4, 2]);
    model.dispose();
  });

  it('a layer with 12 variables: `10` and `11` sort after `9`, not after `1`', async () => {
    const make = () => new Sequential({ layers: [Input({ shape: [3] }), new ManyWeights()] });
    const a = make();
    fillWeights(a, 14);
    const file = await saveWeights(a);
    const listed = await withH5(file, (f) => (f.get('layers/many_weights/vars') as import('h5wasm').Group).keys());
    expect(listed.slice(0, 4)).toEqual(['0', '1', '10', '11']); // HDF5's own (text) order
    const b = make();
    await loadWeights(b, file);
    expect(weightValues(b)).toEqual(weightValues(a));
    a.dispose();
    b.dispose();
  });

  it('loads the weights of a .keras archive into a model', async () => {
    const a = mlp();
    fillWeights(a, 13);
    const b = mlp();
    await loadWeights(b, await saveModel(a));
    expect(weightValues(b)).toEqual(weightValues(a));
    a.dispose();
    b.dispose();
  });
});

// A Keras 2 (tf.keras 2.15) full-model .h5 file, written here with h5wasm following Keras 2's layout.
const LEGACY_CONFIG = {
  class_name: 'Sequential',
  config: {
    name: 'sequential',
    layers: [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, 4], dtype: 'float32', sparse: false, ragged: false, name: 'dense_input' } },
      {
        class_name: 'Dense',
        config: {
          name: 'dense', trainable: true, dtype: 'float32', units: 3, activation: 'relu', use_bias: true,
          kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } }, bias_initializer: { class_name: 'Zeros', config: {} },
          kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
        },
      },
      {
        class_name: 'BatchNormalization',
        config: {
          name: 'batch_normalization', trainable: true, dtype: 'float32', axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true,
          beta_initializer: { class_name: 'Zeros', config: {} }, gamma_initializer: { class_name: 'Ones', config: {} },
          moving_mean_initializer: { class_name: 'Zeros', config: {} }, moving_variance_initializer: { class_name: 'Ones', config: {} },
          beta_regularizer: null, gamma_regularizer: null, beta_constraint: null, gamma_constraint: null,
        },
      },
      {
        class_name: 'Dense',
        config: {
          name: 'dense_1', trainable: true, dtype: 'float32', units: 2, activation: 'softmax', use_bias: true,
          kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } }, bias_initializer: { class_name: 'Zeros', config: {} },
          kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
        },
      },
    ],
  },
};

const LEGACY_TRAINING = {
  loss: 'categorical_crossentropy',
  metrics: [[{ class_name: 'MeanMetricWrapper', config: { name: 'accuracy', dtype: 'float32', fn: 'categorical_accuracy' } }]],
  weighted_metrics: null,
  loss_weights: null,
  optimizer_config: {
    class_name: 'Custom>Adam',
    config: {
      name: 'Adam', weight_decay: null, clipnorm: null, global_clipnorm: null, clipvalue: null, use_ema: false, ema_momentum: 0.99,
      ema_overwrite_frequency: null, jit_compile: true, is_legacy_optimizer: false, learning_rate: 0.0020000000949949026,
      beta_1: 0.9, beta_2: 0.999, epsilon: 1e-7, amsgrad: false,
    },
  },
};

/** Weights in Keras 2's order (kernel, bias; gamma, beta, moving_mean, moving_variance), distinct values. */
function legacyWeights(): { layer: string; names: string[]; shapes: number[][]; values: Float32Array[] }[] {
  const r = rand(99);
  const make = (shape: number[], positive = false) => Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (positive ? 0.5 + Math.abs(r()) : r()));
  return [
    { layer: 'dense', names: ['kernel:0', 'bias:0'], shapes: [[4, 3], [3]], values: [] },
    { layer: 'batch_normalization', names: ['gamma:0', 'beta:0', 'moving_mean:0', 'moving_variance:0'], shapes: [[3], [3], [3], [3]], values: [] },
    { layer: 'dense_1', names: ['kernel:0', 'bias:0'], shapes: [[3, 2], [2]], values: [] },
  ].map((l) => ({ ...l, values: l.shapes.map((s, i) => make(s, l.names[i].startsWith('moving_variance'))) }));
}

/** Bytes of a Keras 2 .h5 file: the full model (model_config, model_weights/...) or weights only (at the root). */
async function legacyFile(full: boolean): Promise<Uint8Array> {
  const api = await h5();
  const { dir, remove } = tempDir();
  try {
    const path = join(dir, 'legacy.h5');
    const file = new api.File(path, 'w');
    const fixed = (list: string[]) => `S${Math.max(1, ...list.map((s) => s.length))}`;
    const text = (obj: { create_attribute: (n: string, d: string, s?: null, t?: string) => void }, name: string, value: string) =>
      obj.create_attribute(name, value, null, `S${value.length}`);
    let root = file as import('h5wasm').Group;
    if (full) {
      text(file, 'backend', 'tensorflow');
      text(file, 'keras_version', '2.15.0');
      text(file, 'model_config', JSON.stringify(LEGACY_CONFIG));
      text(file, 'training_config', JSON.stringify(LEGACY_TRAINING));
      root = file.create_group('model_weights');
    }
    const weights = legacyWeights();
    const layerNames = weights.map((w) => w.layer);
    root.create_attribute('layer_names', layerNames, null, fixed(layerNames));
    text(root, 'backend', 'tensorflow');
    text(root, 'keras_version', '2.15.0');
    for (const { layer, names, shapes, values } of weights) {
      const group = root.create_group(layer);
      const weightNames = names.map((n) => `${layer}/${n}`);
      group.create_attribute('weight_names', weightNames, null, fixed(weightNames));
      const inner = group.create_group(layer);
      names.forEach((n, i) => inner.create_dataset({ name: n, data: values[i], shape: shapes[i], dtype: '<f' }));
    }
    file.close();
    return new Uint8Array(readFileSync(path));
  } finally {
    remove();
  }
}

describe('Keras 2 legacy .h5 files', () => {
  it('loadModel reads the model, its weights (in Keras 2 order) and its training config', async () => {
    const model = await loadModel(await legacyFile(true));
    expect(model).toBeInstanceOf(Sequential);
    expect(model.layers.map((l) => `${l.className}:${l.name}`)).toEqual(['Dense:dense', 'BatchNormalization:batch_normalization', 'Dense:dense_1']);
    const expected = legacyWeights();
    for (const { layer, names, values } of expected) {
      const ws = model.getLayer(layer).weights;
      names.forEach((n, i) => {
        const w = ws.find((v) => `${v.name}:0` === n)!;
        expect(Array.from(w.read().dataSync())).toEqual(Array.from(values[i]));
      });
    }
    // An independent forward pass: TensorFlow.js with the same weights.
    const reference = tf.sequential({
      layers: [tf.layers.dense({ units: 3, activation: 'relu', inputShape: [4] }), tf.layers.batchNormalization(), tf.layers.dense({ units: 2, activation: 'softmax' })],
    });
    // Layer by layer: TensorFlow.js's model-level order puts every trainable weight first.
    expected.forEach((l, k) => reference.layers[k].setWeights(l.values.map((v, i) => tf.tensor(v, l.shapes[i]))));
    const x = matrix(6, 4, 21);
    const ours = (model.predict(tensor(x)) as Tensor).dataSync();
    const theirs = (reference.predict(tf.tensor(x)) as tf.Tensor).dataSync();
    ours.forEach((v, i) => expect(v).toBeCloseTo(theirs[i], 6));
    reference.dispose();
    // training_config: tf.keras 2.11+'s 'Custom>Adam' and its wrapped accuracy metric.
    expect(model.compiled?.optimizer.className).toBe('Adam');
    expect(model.compiled?.optimizer.getConfig().learningRate).toBeCloseTo(0.002, 9);
    expect(model.compiled?.outputs[0].loss?.className).toBe('CategoricalCrossentropy');
    expect(model.compiled?.outputs[0].metrics.map((m) => [m.key, m.metric.constructor.name])).toEqual([['accuracy', 'CategoricalAccuracy']]);
    model.dispose();
  });

  it('loadWeights reads Keras 2 weights (full-model or weights-only files) into a model built in Neurite', async () => {
    const expected = legacyWeights().flatMap((l) => l.values.map((v) => Array.from(v)));
    for (const full of [true, false]) {
      const model = mlp(true);
      await loadWeights(model, await legacyFile(full));
      expect(weightValues(model)).toEqual(expected);
      model.dispose();
    }
  });

  it('a Keras 2 file resaved by Neurite is a Keras 3 archive with the same predictions', async () => {
    const legacy = await loadModel(await legacyFile(true));
    const resaved = await loadModel(await saveModel(legacy));
    const x = tensor(matrix(4, 4, 5));
    expect(exactlyEqual(resaved.predict(x) as Tensor, legacy.predict(x) as Tensor)).toBe(true);
    expect(Object.keys(unzipSync(await saveModel(resaved)))).toContain('model.weights.h5');
    legacy.dispose();
    resaved.dispose();
  });
});
