import '@neurite/backend-cpu';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setBackend, type Tensor } from '@neurite/tensor';
import { BatchNormalization, Conv2D, Dense, Dropout, Flatten, Input, MaxPooling2D, type SymbolicTensor } from '@neurite/layers';
import { L2 } from '@neurite/regularizers';
import { Model, Sequential } from '../src/models/index.js';
import { modelFromKerasJSON, modelToKerasJSON } from '../src/saving/config/index.js';
import { AddTwo } from './model-helpers.js';
import { copyFromTfjs, copyToTfjs, plain, predictionGap, randomTensor, roundTrip, tfjsGap } from './saving-config-helpers.js';

const layerConfigs = (m: Model) => m.layers.map((l) => plain<Record<string, unknown>>({ className: l.className, ...l.getConfig() }));
const topology = (m: Model) => ({
  layers: m.layers.map((l) => [l.name, m.nodesOf(l).length]),
  inputs: m.inputNames,
  outputs: m.outputNames,
  shapes: m.outputs.map((t) => [...t.shape]),
});

function mlp(): Sequential {
  return new Sequential({
    name: 'mlp',
    layers: [
      Input({ shape: [6], name: 'pixels' }),
      new Dense({ units: 8, activation: 'relu', kernelRegularizer: new L2({ l2: 1e-4 }), name: 'hidden' }),
      new Dropout({ rate: 0.5, seed: 1, name: 'drop' }),
      new Dense({ units: 3, activation: 'softmax', name: 'probs' }),
    ],
  });
}

/** Two inputs, a layer shared between them, a two-input layer, a fixed-training dropout and two outputs. */
function twoByTwo(): Model {
  const a = Input({ shape: [4], name: 'left' });
  const b = Input({ shape: [4], name: 'right' });
  const shared = new Dense({ units: 5, activation: 'tanh', name: 'shared' });
  const ha = shared.apply(a);
  const hb = shared.apply(b);
  const merged = new AddTwo({ name: 'merge' }).apply([ha, hb]) as unknown as SymbolicTensor;
  const noisy = new Dropout({ rate: 0.2, name: 'mc_drop' }).apply(merged, { training: true });
  const score = new Dense({ units: 1, name: 'score' }).apply(noisy);
  const kind = new Dense({ units: 3, activation: 'softmax', name: 'kind' }).apply(merged);
  // The shared layer's second call also feeds an output directly.
  return new Model({ inputs: [a, b], outputs: [score, kind, hb], name: 'two_by_two' });
}

describe('models round-trip through Keras JSON', () => {
  beforeAll(async () => {
    await setBackend('cpu');
    await tf.setBackend('cpu');
  });

  for (const flavor of ['keras3', 'tfjs'] as const) {
    it(`Sequential (${flavor}): same layers, configs, JSON and predictions`, () => {
      const model = mlp();
      const back = roundTrip(model, flavor);
      expect(back).toBeInstanceOf(Sequential);
      expect(back.name).toBe('mlp');
      // TensorFlow.js's Sequential form has no InputLayer, so the input's name is not kept.
      expect({ ...topology(back), inputs: [] }).toEqual({ ...topology(model), inputs: [] });
      const expected = layerConfigs(model);
      const actual = layerConfigs(back);
      if (flavor === 'tfjs') {
        // Keras 2 / TensorFlow.js keep the input shape on the first layer, and have only L1L2.
        expect(actual[0].batchInputShape).toEqual([null, 6]);
        delete actual[0].batchInputShape;
        expected[0].kernelRegularizer = { className: 'L1L2', config: { l1: 0, l2: 1e-4 } };
      } else {
        expect(back.inputs[0].node.layer.name).toBe('pixels');
      }
      expect(actual).toEqual(expected);
      expect(plain(modelToKerasJSON(back, { flavor }))).toEqual(plain(modelToKerasJSON(model, { flavor })));
      back.setWeights(model.getWeights());
      expect(predictionGap(model, back, randomTensor([3, 6], 1))).toBe(0);
    });

    it(`functional with two inputs, two outputs and shared layers (${flavor})`, () => {
      const model = twoByTwo();
      const json = modelToKerasJSON(model, { flavor });
      expect(() => modelFromKerasJSON(json, { source: 'two.json' })).toThrow(/^two\.json: layer 'merge' \(AddTwo\): unknown layer class 'AddTwo'/);
      const back = modelFromKerasJSON(JSON.stringify(json), { customObjects: { AddTwo } });
      expect(back.name).toBe('two_by_two');
      expect(topology(back)).toEqual(topology(model));
      expect(layerConfigs(back)).toEqual(layerConfigs(model));
      expect(back.nodesOf(back.getLayer('mc_drop'))[0].training).toBe(true);
      expect(plain(modelToKerasJSON(back, { flavor }))).toEqual(plain(json));
      back.setWeights(model.getWeights());
      const x = [randomTensor([2, 4], 2), randomTensor([2, 4], 3)];
      const ours = model.predict(x) as Tensor[];
      const theirs = back.predict(x) as Tensor[];
      // The score head sits behind an always-on dropout: compare the other two outputs exactly.
      expect(Array.from(theirs[1].dataSync())).toEqual(Array.from(ours[1].dataSync()));
      expect(Array.from(theirs[2].dataSync())).toEqual(Array.from(ours[2].dataSync()));
    });
  }

  it("writes Keras 3's functional form: keras tensors with keras_history, and single endpoints unwrapped", () => {
    const x = Input({ shape: [3], name: 'x' });
    const shared = new Dense({ units: 3, name: 'twice' });
    const model = new Model({ inputs: x, outputs: shared.apply(shared.apply(x)), name: 'f' });
    const json = modelToKerasJSON(model);
    expect(json).toMatchObject({ module: 'keras.src.models.functional', class_name: 'Functional', registered_name: 'Functional' });
    const config = json.config as { layers: Record<string, unknown>[]; input_layers: unknown; output_layers: unknown };
    expect(config.input_layers).toEqual(['x', 0, 0]);
    expect(config.output_layers).toEqual(['twice', 1, 0]);
    expect(config.layers[0]).toMatchObject({ class_name: 'InputLayer', name: 'x', inbound_nodes: [], config: { batch_shape: [null, 3], dtype: 'float32' } });
    expect(config.layers[1].inbound_nodes).toEqual([
      { args: [{ class_name: '__keras_tensor__', config: { shape: [null, 3], dtype: 'float32', keras_history: ['x', 0, 0] } }], kwargs: {} },
      { args: [{ class_name: '__keras_tensor__', config: { shape: [null, 3], dtype: 'float32', keras_history: ['twice', 0, 0] } }], kwargs: {} },
    ]);
    const tfjsJSON = modelToKerasJSON(model, { flavor: 'tfjs' });
    const tfjsConfig = tfjsJSON.config as { layers: Record<string, unknown>[]; input_layers: unknown; output_layers: unknown };
    expect(tfjsJSON.class_name).toBe('Model');
    expect(tfjsConfig.layers[1].inbound_nodes).toEqual([[['x', 0, 0, {}]], [['twice', 0, 0, {}]]]);
    expect(tfjsConfig.input_layers).toEqual([['x', 0, 0]]);
    expect(tfjsConfig.output_layers).toEqual([['twice', 1, 0]]);
  });

  it('an unbuilt Sequential and frozen layers round-trip', () => {
    const deferred = new Sequential({ name: 'later', layers: [new Dense({ units: 4, name: 'd1', trainable: false }), new Dense({ units: 1, name: 'd2' })] });
    const json = modelToKerasJSON(deferred);
    expect(json.build_config).toBeUndefined();
    const back = roundTrip(deferred);
    expect(back.inputs).toEqual([]);
    expect(layerConfigs(back)).toEqual(layerConfigs(deferred));
    expect(back.getLayer('d1').trainable).toBe(false);
    back.predict(randomTensor([2, 3], 1)); // builds from the data, as Keras would
    expect(back.countParams()).toBe(3 * 4 + 4 + 5);
    const frozen = mlp();
    frozen.trainable = false;
    const again = roundTrip(frozen);
    expect(again.trainable).toBe(false);
    expect(again.trainableWeights).toEqual([]);
  });

  it('a model used as a layer of another round-trips', () => {
    const inner = new Sequential({ name: 'inner', layers: [Input({ shape: [3] }), new Dense({ units: 2, name: 'inner_dense' })] });
    const x = Input({ shape: [3], name: 'outer_in' });
    const model = new Model({ inputs: x, outputs: new Dense({ units: 1, name: 'head' }).apply(inner.apply(x)), name: 'outer' });
    const back = roundTrip(model);
    expect(back.layers.map((l) => l.className)).toEqual(['InputLayer', 'Sequential', 'Dense']);
    expect(back.countParams()).toBe(model.countParams());
    back.setWeights(model.getWeights());
    expect(predictionGap(model, back, randomTensor([2, 3], 4))).toBe(0);
  });
});

describe('reading Keras 2 / tf.keras and TensorFlow.js topologies', () => {
  it('a hand-written tf.keras 2.15 Sequential (InputLayer, batch_input_shape, legacy objects) gives the configs of the same Neurite model', () => {
    const l2 = 9.999999747378752e-5; // Keras 2 stores float32 factors
    const keras2 = {
      class_name: 'Sequential',
      config: {
        name: 'sequential',
        layers: [
          { class_name: 'InputLayer', config: { batch_input_shape: [null, 784], dtype: 'float32', sparse: false, ragged: false, name: 'dense_input' } },
          {
            class_name: 'Dense',
            config: {
              name: 'dense', trainable: true, dtype: 'float32', batch_input_shape: [null, 784], units: 512, activation: 'relu', use_bias: true,
              kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } }, bias_initializer: { class_name: 'Zeros', config: {} },
              kernel_regularizer: { class_name: 'L2', config: { l2 } }, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
            },
          },
          { class_name: 'Dropout', config: { name: 'dropout', trainable: true, dtype: 'float32', rate: 0.5, noise_shape: null, seed: null } },
          {
            class_name: 'Dense',
            config: {
              name: 'dense_1', trainable: true, dtype: 'float32', units: 10, activation: 'softmax', use_bias: true,
              kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } }, bias_initializer: { class_name: 'Zeros', config: {} },
              kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
            },
          },
        ],
      },
      keras_version: '2.15.0',
      backend: 'tensorflow',
    };
    const model = modelFromKerasJSON(keras2, { source: 'mlp.h5' });
    const same = new Sequential({
      layers: [
        Input({ shape: [784], name: 'dense_input' }),
        new Dense({ name: 'dense', units: 512, activation: 'relu', kernelRegularizer: new L2({ l2 }), batchInputShape: [null, 784] }),
        new Dropout({ name: 'dropout', rate: 0.5 }),
        new Dense({ name: 'dense_1', units: 10, activation: 'softmax' }),
      ],
    });
    expect(layerConfigs(model)).toEqual(layerConfigs(same));
    expect(model.countParams()).toBe(784 * 512 + 512 + 5130);
    expect(model.inputs[0].node.layer.name).toBe('dense_input');
  });

  it('a hand-written tf.keras 2.15 functional model (nested-list inbound_nodes, shared layer) gives the same graph', () => {
    const dense = (name: string, units: number) => ({
      name, trainable: true, dtype: 'float32', units, activation: 'linear', use_bias: true,
      kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } }, bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, bias_constraint: null,
    });
    const keras2 = {
      class_name: 'Functional',
      config: {
        name: 'model',
        trainable: true,
        layers: [
          { class_name: 'InputLayer', config: { batch_input_shape: [null, 16], dtype: 'float32', sparse: false, ragged: false, name: 'a' }, name: 'a', inbound_nodes: [] },
          { class_name: 'InputLayer', config: { batch_input_shape: [null, 16], dtype: 'float32', sparse: false, ragged: false, name: 'b' }, name: 'b', inbound_nodes: [] },
          { class_name: 'Dense', config: dense('shared', 8), name: 'shared', inbound_nodes: [[['a', 0, 0, {}]], [['b', 0, 0, {}]]] },
          { class_name: 'Dense', config: dense('score', 1), name: 'score', inbound_nodes: [[['shared', 0, 0, {}]]] },
          { class_name: 'Dense', config: dense('kind', 3), name: 'kind', inbound_nodes: [[['shared', 1, 0, {}]]] },
        ],
        input_layers: [['a', 0, 0], ['b', 0, 0]],
        output_layers: [['score', 0, 0], ['kind', 0, 0]],
      },
      keras_version: '2.15.0',
      backend: 'tensorflow',
    };
    const model = modelFromKerasJSON(keras2);
    const a = Input({ shape: [16], name: 'a' });
    const b = Input({ shape: [16], name: 'b' });
    const shared = new Dense({ units: 8, name: 'shared' });
    const same = new Model({ inputs: [a, b], outputs: [new Dense({ units: 1, name: 'score' }).apply(shared.apply(a)), new Dense({ units: 3, name: 'kind' }).apply(shared.apply(b))], name: 'model' });
    expect(topology(model)).toEqual(topology(same));
    expect(layerConfigs(model)).toEqual(layerConfigs(same));
    // The score head reads the shared layer's first call (on a), the kind head its second (on b).
    model.setWeights(same.getWeights());
    const x = [randomTensor([2, 16], 5), randomTensor([2, 16], 6)];
    const [s1, k1] = model.predict(x) as Tensor[];
    const [s2, k2] = same.predict(x) as Tensor[];
    expect(Array.from(s1.dataSync())).toEqual(Array.from(s2.dataSync()));
    expect(Array.from(k1.dataSync())).toEqual(Array.from(k2.dataSync()));
  });

  it('tf.sequential(...).toJSON() from TensorFlow.js 4.22 loads with the same layer configs and predictions', async () => {
    const theirs = tf.sequential({
      name: 'tfjs_cnn',
      layers: [
        tf.layers.conv2d({ name: 'conv', filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [8, 8, 2], kernelInitializer: 'heNormal' }),
        tf.layers.batchNormalization({ name: 'bn', momentum: 0.9 }),
        tf.layers.maxPooling2d({ name: 'pool', poolSize: 2 }),
        tf.layers.flatten({ name: 'flat' }),
        tf.layers.dropout({ name: 'drop', rate: 0.25 }),
        tf.layers.dense({ name: 'out', units: 3, activation: 'softmax', kernelRegularizer: tf.regularizers.l2({ l2: 0.01 }), kernelInitializer: 'zeros' }),
      ],
    });
    const json = theirs.toJSON(null, false);
    const ours = modelFromKerasJSON(json, { source: 'tfjs_cnn.json' });
    const same = new Sequential({
      name: 'tfjs_cnn',
      layers: [
        new Conv2D({ name: 'conv', filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', batchInputShape: [null, 8, 8, 2], kernelInitializer: { className: 'VarianceScaling', config: { scale: 2, mode: 'fan_in', distribution: 'truncated_normal', seed: null } } }),
        new BatchNormalization({ name: 'bn', momentum: 0.9 }),
        new MaxPooling2D({ name: 'pool', poolSize: 2 }),
        new Flatten({ name: 'flat' }),
        new Dropout({ name: 'drop', rate: 0.25 }),
        new Dense({ name: 'out', units: 3, activation: 'softmax', kernelRegularizer: { className: 'L1L2', config: { l1: 0, l2: 0.01 } }, kernelInitializer: 'zeros' }),
      ],
    });
    expect(layerConfigs(ours)).toEqual(layerConfigs(same));
    expect(ours.countParams()).toBe(theirs.countParams());
    copyFromTfjs(theirs, ours);
    expect(await tfjsGap(ours, theirs, randomTensor([2, 8, 8, 2], 7))).toBeLessThan(1e-5);
  });

  it("a TensorFlow.js functional model's toJSON() loads with the same graph, and ours loads in TensorFlow.js", async () => {
    const a = tf.input({ shape: [4], name: 'a' });
    const b = tf.input({ shape: [4], name: 'b' });
    const shared = tf.layers.dense({ units: 5, activation: 'tanh', name: 'shared' });
    const theirs = tf.model({
      name: 'tfjs_fn',
      inputs: [a, b],
      outputs: [tf.layers.dense({ units: 2, name: 'head' }).apply(shared.apply(a)) as tf.SymbolicTensor, shared.apply(b) as tf.SymbolicTensor],
    });
    const ours = modelFromKerasJSON(theirs.toJSON(null, false));
    expect(topology(ours)).toEqual({ layers: [['a', 1], ['b', 1], ['shared', 2], ['head', 1]], inputs: ['a', 'b'], outputs: ['head', 'shared'], shapes: [[null, 2], [null, 5]] });
    copyFromTfjs(theirs, ours);
    const x = [randomTensor([3, 4], 8), randomTensor([3, 4], 9)];
    const ys = ours.predict(x) as Tensor[];
    const ts = theirs.predict(x.map((t) => tf.tensor(t.dataSync() as Float32Array, [...t.shape]))) as tf.Tensor[];
    for (let i = 0; i < 2; i++) {
      const d = ys[i].dataSync();
      const e = ts[i].dataSync();
      for (let j = 0; j < d.length; j++) expect(Math.abs(d[j] - e[j])).toBeLessThan(1e-5);
    }
    // And back: our TensorFlow.js form of the shared-layer model loads in TensorFlow.js itself.
    const model = twoByTwoWithoutCustom();
    const loaded = await tf.models.modelFromJSON({ modelTopology: plain(modelToKerasJSON(model, { flavor: 'tfjs' })) } as never);
    expect(loaded.inputs.map((t) => t.shape)).toEqual([[null, 4], [null, 4]]);
    expect(loaded.outputs.map((t) => t.shape)).toEqual([[null, 1], [null, 5]]);
    copyToTfjs(model, loaded);
    const xs = [randomTensor([2, 4], 10), randomTensor([2, 4], 11)];
    const mine = model.predict(xs) as Tensor[];
    const tfs = loaded.predict(xs.map((t) => tf.tensor(t.dataSync() as Float32Array, [...t.shape]))) as tf.Tensor[];
    for (let i = 0; i < 2; i++) {
      const d = mine[i].dataSync();
      const e = tfs[i].dataSync();
      for (let j = 0; j < d.length; j++) expect(Math.abs(d[j] - e[j])).toBeLessThan(1e-5);
    }
  });
});

function twoByTwoWithoutCustom(): Model {
  const a = Input({ shape: [4], name: 'p' });
  const b = Input({ shape: [4], name: 'q' });
  const shared = new Dense({ units: 5, activation: 'tanh', name: 'shared_t', biasInitializer: { className: 'RandomNormal', config: { seed: 1 } } });
  const score = new Dense({ units: 1, name: 'score_t' }).apply(shared.apply(a));
  return new Model({ inputs: [a, b], outputs: [score, shared.apply(b)], name: 'mine' });
}
