import '@neurite/backend-cpu';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setBackend } from '@neurite/tensor';
import {
  ActivationLayer, ActivityRegularization, AlphaDropout, AveragePooling1D, AveragePooling2D, BatchNormalization, Conv1D,
  Conv2D, Conv2DTranspose, Dense, DepthwiseConv2D, Dropout, Flatten, GaussianDropout, GaussianNoise,
  GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D, LayerNormalization, MaxNorm,
  MaxPooling1D, MaxPooling2D, NonNeg, Reshape, SpatialDropout1D, SpatialDropout2D, SpatialDropout3D, UnitNorm, type Layer,
  MinMaxNorm, getLayerClass, Input, Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot,
  Embedding, Masking, SimpleRNN, LSTM, GRU, RNN, SimpleRNNCell, LSTMCell, GRUCell, Bidirectional, TimeDistributed,
  ZeroPadding1D, ZeroPadding2D, Cropping1D, Cropping2D, UpSampling1D, UpSampling2D, RepeatVector, Permute, Rescaling,
  MultiHeadAttention, SeparableConv1D, SeparableConv2D, Conv3D, MaxPooling3D, AveragePooling3D, GlobalMaxPooling3D,
  GlobalAveragePooling3D,
} from '@neurite/layers';
import { tensor } from '@neurite/tensor';
import { Model } from '../src/models/index.js';
import { L1, L1L2, L2 } from '@neurite/regularizers';
import { LAYER_TABLES, layerToKerasJSON, modelToKerasJSON } from '../src/saving/config/index.js';
import { copyToTfjs, oneLayer, plain, predictionGap, randomTensor, roundTrip, tfjsGap } from './saving-config-helpers.js';

interface Case {
  make: () => Layer;
  shape: number[];
  /** TensorFlow.js 4.22 has the layer with these options, so the 'tfjs' JSON must load there and agree. */
  tfjs: boolean;
  /** The input for a shape with the batch axis (random values in [-1, 1) by default). */
  input?: (shape: number[], seed: number) => import('@neurite/tensor').Tensor;
}

/** Token ids in [0, 7). */
const ids = (shape: number[], seed: number) => tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => (i * 5 + seed * 3) % 7), shape);

const seeded = (className: string, seed: number) => ({ className, config: { seed } });

// Every layer kind, each with options away from the defaults so that a dropped or misspelt key shows.
const CASES: Record<string, Case> = {
  Dense: {
    make: () => new Dense({
      units: 3, activation: 'relu', useBias: true, kernelInitializer: seeded('HeNormal', 3),
      biasInitializer: { className: 'Constant', config: { value: 0.25 } }, kernelRegularizer: new L2({ l2: 0.01 }),
      biasRegularizer: new L1({ l1: 0.02 }), kernelConstraint: new MaxNorm({ maxValue: 2, axis: 0 }), biasConstraint: new NonNeg(),
      activityRegularizer: new L1L2({ l1: 0.001, l2: 0.002 }),
    }),
    shape: [4],
    tfjs: false, // TensorFlow.js refuses activity regularizers (and applies constraints in setWeights)
  },
  DenseWithoutPenalties: {
    make: () => new Dense({ units: 3, activation: 'elu', biasInitializer: seeded('RandomUniform', 13) }),
    shape: [2, 4],
    tfjs: true,
  },
  Conv1D: {
    make: () => new Conv1D({ filters: 2, kernelSize: 3, padding: 'causal', dilationRate: 2, activation: 'tanh', kernelInitializer: seeded('GlorotNormal', 1), biasInitializer: seeded('RandomNormal', 4) }),
    shape: [10, 3],
    tfjs: false, // TensorFlow.js has no causal padding
  },
  Conv1DSame: {
    make: () => new Conv1D({ filters: 3, kernelSize: 2, strides: 2, padding: 'same', activation: 'relu6', biasInitializer: seeded('RandomNormal', 14) }),
    shape: [9, 2],
    tfjs: true,
  },
  Conv2D: {
    make: () => new Conv2D({ filters: 2, kernelSize: [3, 2], strides: 2, padding: 'same', kernelInitializer: { className: 'RandomUniform', config: { minval: -0.5, maxval: 0.5, seed: 2 } }, biasInitializer: seeded('RandomNormal', 5) }),
    shape: [8, 7, 3],
    tfjs: true,
  },
  Conv2DChannelsFirst: {
    make: () => new Conv2D({ filters: 2, kernelSize: 3, dataFormat: 'channelsFirst', useBias: false, kernelInitializer: seeded('LecunUniform', 6), kernelConstraint: new UnitNorm({ axis: [0, 1, 2] }) }),
    shape: [3, 6, 6],
    tfjs: false, // TensorFlow.js's CPU backend has no NCHW convolution
  },
  Conv2DTranspose: {
    make: () => new Conv2DTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same', activation: 'sigmoid', kernelInitializer: seeded('LecunNormal', 7), biasInitializer: seeded('RandomNormal', 8) }),
    shape: [4, 4, 3],
    tfjs: true,
  },
  DepthwiseConv2D: {
    make: () => new DepthwiseConv2D({ kernelSize: 3, depthMultiplier: 2, padding: 'same', depthwiseInitializer: { className: 'TruncatedNormal', config: { mean: 0, stddev: 0.3, seed: 9 } }, depthwiseConstraint: new MinMaxNorm({ minValue: 0.1, maxValue: 1.5, rate: 0.5, axis: [0, 1] }), biasInitializer: seeded('RandomNormal', 10) }),
    shape: [6, 6, 2],
    tfjs: true,
  },
  SeparableConv1D: {
    make: () => new SeparableConv1D({ filters: 2, kernelSize: 3, depthMultiplier: 2, padding: 'same', pointwiseInitializer: seeded('HeNormal', 2), depthwiseRegularizer: new L1L2({ l1: 0.01, l2: 0 }), biasInitializer: seeded('RandomNormal', 3) }),
    shape: [6, 3],
    tfjs: false, // TensorFlow.js has no SeparableConv1D
  },
  SeparableConv2D: {
    make: () => new SeparableConv2D({ filters: 3, kernelSize: 3, strides: 2, activation: 'relu', pointwiseConstraint: new MaxNorm({ maxValue: 2 }), biasInitializer: seeded('RandomNormal', 4) }),
    shape: [7, 7, 2],
    tfjs: true,
  },
  Conv3D: {
    make: () => new Conv3D({ filters: 2, kernelSize: [2, 3, 2], padding: 'same', kernelInitializer: seeded('GlorotNormal', 5), biasInitializer: seeded('RandomNormal', 6) }),
    shape: [3, 4, 4, 2],
    tfjs: true,
  },
  MaxPooling3D: { make: () => new MaxPooling3D({ poolSize: [2, 2, 1], padding: 'same' }), shape: [3, 4, 4, 2], tfjs: true },
  AveragePooling3D: { make: () => new AveragePooling3D({ poolSize: 2, strides: 1 }), shape: [3, 4, 4, 2], tfjs: true },
  GlobalMaxPooling3D: { make: () => new GlobalMaxPooling3D({}), shape: [3, 2, 2, 2], tfjs: false },
  GlobalAveragePooling3D: { make: () => new GlobalAveragePooling3D({ keepdims: true }), shape: [3, 2, 2, 2], tfjs: false },
  MaxPooling1D: { make: () => new MaxPooling1D({ poolSize: 3, strides: 1, padding: 'same' }), shape: [6, 3], tfjs: true },
  MaxPooling2D: { make: () => new MaxPooling2D({ poolSize: [2, 3], strides: [1, 2] }), shape: [6, 7, 2], tfjs: true },
  AveragePooling1D: { make: () => new AveragePooling1D({ poolSize: 2, padding: 'valid' }), shape: [7, 2], tfjs: true },
  AveragePooling2D: { make: () => new AveragePooling2D({ poolSize: 2, dataFormat: 'channelsFirst' }), shape: [2, 6, 6], tfjs: false },
  GlobalMaxPooling1D: { make: () => new GlobalMaxPooling1D({ keepdims: true }), shape: [5, 3], tfjs: false },
  GlobalMaxPooling2D: { make: () => new GlobalMaxPooling2D({}), shape: [4, 5, 3], tfjs: true },
  GlobalAveragePooling1D: { make: () => new GlobalAveragePooling1D({ dataFormat: 'channelsFirst' }), shape: [3, 5], tfjs: false },
  GlobalAveragePooling2D: { make: () => new GlobalAveragePooling2D({}), shape: [4, 5, 3], tfjs: true },
  Flatten: { make: () => new Flatten({ dataFormat: 'channelsFirst' }), shape: [2, 3, 4], tfjs: false },
  Reshape: { make: () => new Reshape({ targetShape: [-1, 2] }), shape: [4, 3], tfjs: true },
  Activation: { make: () => new ActivationLayer({ activation: 'softmax' }), shape: [5], tfjs: true },
  ActivationSilu: { make: () => new ActivationLayer({ activation: 'silu' }), shape: [5], tfjs: true },
  ActivationLeakyRelu: { make: () => new ActivationLayer({ activation: 'leaky_relu' }), shape: [5], tfjs: false },
  BatchNormalization: {
    make: () => new BatchNormalization({ axis: -1, momentum: 0.9, epsilon: 0.01, center: false, gammaRegularizer: new L2({ l2: 0.1 }), movingVarianceInitializer: { className: 'Constant', config: { value: 2 } }, gammaInitializer: seeded('RandomUniform', 11) }),
    shape: [3, 4],
    tfjs: true,
  },
  LayerNormalization: {
    make: () => new LayerNormalization({ axis: [1, 2], epsilon: 1e-5, scale: false, betaInitializer: seeded('RandomNormal', 12) }),
    shape: [3, 4],
    tfjs: true,
  },
  Dropout: { make: () => new Dropout({ rate: 0.3, noiseShape: [null, 1, null], seed: 7 }), shape: [3, 4], tfjs: true },
  DropoutInferenceScaling: { make: () => new Dropout({ rate: 0.3, scaling: 'inference' }), shape: [4], tfjs: false },
  SpatialDropout1D: { make: () => new SpatialDropout1D({ rate: 0.2, seed: 1 }), shape: [5, 3], tfjs: true },
  SpatialDropout2D: { make: () => new SpatialDropout2D({ rate: 0.2, dataFormat: 'channelsFirst', seed: 2 }), shape: [2, 3, 3], tfjs: false },
  SpatialDropout3D: { make: () => new SpatialDropout3D({ rate: 0.4 }), shape: [2, 2, 2, 3], tfjs: false },
  GaussianDropout: { make: () => new GaussianDropout({ rate: 0.1, seed: 2 }), shape: [4], tfjs: true },
  GaussianNoise: { make: () => new GaussianNoise({ stddev: 0.5, seed: 3 }), shape: [4], tfjs: true },
  AlphaDropout: { make: () => new AlphaDropout({ rate: 0.1, noiseShape: [null, 4], seed: 4 }), shape: [4], tfjs: true },
  ActivityRegularization: { make: () => new ActivityRegularization({ l1: 0.01, l2: 0.02 }), shape: [4], tfjs: false },
  Embedding: {
    make: () => new Embedding({ inputDim: 7, outputDim: 3, maskZero: true, embeddingsInitializer: seeded('RandomNormal', 3), embeddingsRegularizer: new L2({ l2: 0.01 }) }),
    shape: [5],
    tfjs: true,
    input: ids,
  },
  Masking: { make: () => new Masking({ maskValue: 0.5 }), shape: [4, 3], tfjs: true },
  SimpleRNN: {
    make: () => new SimpleRNN({ units: 3, activation: 'relu', returnSequences: true, goBackwards: true, dropout: 0.1, biasInitializer: seeded('RandomNormal', 4) }),
    shape: [4, 2],
    tfjs: true,
  },
  LSTM: {
    make: () => new LSTM({
      units: 3, recurrentActivation: 'sigmoid', unitForgetBias: false, kernelRegularizer: new L2({ l2: 0.01 }), recurrentDropout: 0.2,
      recurrentConstraint: new MaxNorm({ maxValue: 2 }), biasInitializer: seeded('RandomNormal', 5),
    }),
    shape: [4, 2],
    tfjs: true,
  },
  GRU: { make: () => new GRU({ units: 3, returnSequences: true, biasInitializer: seeded('RandomNormal', 6) }), shape: [4, 2], tfjs: false }, // TensorFlow.js has no resetAfter: true
  GRUResetBefore: { make: () => new GRU({ units: 2, resetAfter: false, stateful: false, useBias: false }), shape: [3, 2], tfjs: true },
  RNNSimpleCell: { make: () => new RNN({ cell: new SimpleRNNCell({ units: 2, biasInitializer: seeded('RandomNormal', 7) }) }), shape: [3, 2], tfjs: true },
  RNNLSTMCell: { make: () => new RNN({ cell: new LSTMCell({ units: 2, recurrentActivation: 'tanh' }), returnSequences: true }), shape: [3, 2], tfjs: true },
  RNNGRUCell: { make: () => new RNN({ cell: new GRUCell({ units: 2 }), goBackwards: true }), shape: [3, 2], tfjs: false },
  Bidirectional: {
    make: () => new Bidirectional({ layer: new LSTM({ units: 2, returnSequences: true, recurrentActivation: 'sigmoid', biasInitializer: seeded('RandomNormal', 8) }), mergeMode: 'ave' }),
    shape: [4, 3],
    tfjs: true,
  },
  BidirectionalConcat: { make: () => new Bidirectional({ layer: new GRU({ units: 2, resetAfter: false }) }), shape: [4, 3], tfjs: true },
  ZeroPadding1D: { make: () => new ZeroPadding1D({ padding: [2, 1] }), shape: [4, 3], tfjs: false },
  ZeroPadding2D: { make: () => new ZeroPadding2D({ padding: [[1, 2], [0, 1]] }), shape: [3, 4, 2], tfjs: true },
  ZeroPadding2DChannelsFirst: { make: () => new ZeroPadding2D({ padding: 1, dataFormat: 'channelsFirst' }), shape: [2, 3, 4], tfjs: false },
  Cropping1D: { make: () => new Cropping1D({ cropping: [1, 2] }), shape: [6, 3], tfjs: false },
  Cropping2D: { make: () => new Cropping2D({ cropping: [[1, 0], [1, 2]] }), shape: [5, 6, 2], tfjs: true },
  UpSampling1D: { make: () => new UpSampling1D({ size: 3 }), shape: [4, 2], tfjs: false },
  UpSampling2D: { make: () => new UpSampling2D({ size: [2, 3] }), shape: [3, 2, 2], tfjs: true },
  RepeatVector: { make: () => new RepeatVector({ n: 3 }), shape: [4], tfjs: true },
  Permute: { make: () => new Permute({ dims: [2, 1] }), shape: [3, 4], tfjs: true },
  Rescaling: { make: () => new Rescaling({ scale: 0.5, offset: -1 }), shape: [3], tfjs: true },
  TimeDistributed: {
    make: () => new TimeDistributed({ layer: new Dense({ units: 2, activation: 'tanh', biasInitializer: seeded('RandomNormal', 9) }) }),
    shape: [3, 4],
    tfjs: true,
  },
};

/** TensorFlow.js has only L1L2: its flavor writes L1 and L2 as L1L2 (the same penalty). */
function asL1L2(config: unknown): unknown {
  return JSON.parse(JSON.stringify(config), (_k, v) =>
    v && (v.className === 'L1' || v.className === 'L2') ? { className: 'L1L2', config: { l1: v.config.l1 ?? 0, l2: v.config.l2 ?? 0 } } : v,
  );
}

const MERGE_CASES = [
  { make: () => new Add() },
  { make: () => new Subtract() },
  { make: () => new Multiply() },
  { make: () => new Average() },
  { make: () => new Maximum() },
  { make: () => new Minimum() },
  { make: () => new Concatenate({ axis: 1 }) },
  { make: () => new Dot({ axes: [2, 2], normalize: true }) },
  // not a merge layer, but a two-input one: attention of the first input over the second
  { make: () => new MultiHeadAttention({ numHeads: 2, keyDim: 3, valueDim: 2, outputShape: 4, dropout: 0.1, kernelRegularizer: new L1L2({ l1: 0, l2: 0.01 }) }) },
];

describe('every layer kind round-trips through Keras JSON', () => {
  beforeAll(async () => {
    await setBackend('cpu');
    await tf.setBackend('cpu');
  });

  it('the key table covers every layer class Neurite registers', () => {
    const classes = Object.keys(LAYER_TABLES);
    for (const name of classes) expect(getLayerClass(name), name).toBeDefined();
    // a held layer (an RNN's cell, a wrapper's layer) counts as tested with its holder
    const withHeld = (layer: Layer): string[] => [layer.className, ...layer.sublayers.flatMap((s) => withHeld(s.layer))];
    const tested = new Set([...Object.values(CASES), ...MERGE_CASES].flatMap((c) => withHeld(c.make())));
    for (const name of classes.filter((n) => n !== 'InputLayer')) expect(tested.has(name), name).toBe(true);
  });

  // Merge layers take a list of inputs, so they round trip inside a two-input functional model.
  for (const c of MERGE_CASES) {
    const name = c.make().className;
    for (const flavor of ['keras3', 'tfjs'] as const) {
      it(`${name}: the ${flavor} JSON of a two-input model rebuilds an equal config and the same outputs`, () => {
        const a = Input({ shape: [2, 3] });
        const b = Input({ shape: [2, 3] });
        const model = new Model({ inputs: [a, b], outputs: c.make().apply([a, b]) as never });
        const back = roundTrip(model, flavor);
        expect(plain(back.layers[2].getConfig())).toEqual(plain(model.layers[2].getConfig()));
        back.setWeights(model.getWeights());
        const xs = [randomTensor([2, 2, 3], 1), randomTensor([2, 2, 3], 2)];
        const ours = model.predict(xs) as import('@neurite/tensor').Tensor;
        const theirs = back.predict(xs) as import('@neurite/tensor').Tensor;
        expect(Array.from(theirs.dataSync())).toEqual(Array.from(ours.dataSync()));
        model.dispose();
        back.dispose();
      });
    }
  }

  for (const [label, c] of Object.entries(CASES)) {
    it(`${label}: Keras 3 JSON rebuilds an equal config and the same outputs`, () => {
      const model = oneLayer(c.make(), c.shape);
      const json = modelToKerasJSON(model);
      // snake_case only, and no Neurite-only keys unless they change the computation.
      const layerJSON = (json.config as { layers: { config: Record<string, unknown> }[] }).layers[1];
      for (const key of Object.keys(layerJSON.config)) expect(key, key).toMatch(/^[a-z0-9_]+$/);
      const back = roundTrip(model);
      expect(plain(back.layers[0].getConfig())).toEqual(plain(model.layers[0].getConfig()));
      expect(plain(modelToKerasJSON(back))).toEqual(plain(json));
      back.setWeights(model.getWeights());
      expect(predictionGap(model, back, (c.input ?? randomTensor)([2, ...c.shape], 1))).toBe(0);
      model.dispose();
      back.dispose();
    });

    it(`${label}: the TensorFlow.js flavor rebuilds an equal config${c.tfjs ? ', and TensorFlow.js 4.22 loads it and agrees' : ''}`, async () => {
      const model = oneLayer(c.make(), c.shape);
      const json = modelToKerasJSON(model, { flavor: 'tfjs' });
      const back = roundTrip(model, 'tfjs');
      const expected = asL1L2(model.layers[0].getConfig()) as Record<string, unknown>;
      const actual = plain(back.layers[0].getConfig());
      // The TensorFlow.js form keeps the input shape on the first layer.
      expect(actual.batchInputShape).toEqual([null, ...c.shape]);
      delete actual.batchInputShape;
      expect(actual).toEqual(expected);
      if (c.tfjs) {
        const theirs = await tf.models.modelFromJSON({ modelTopology: plain(json) as tf.io.ModelJSON['modelTopology'] } as never);
        expect(theirs.countParams()).toBe(model.countParams());
        copyToTfjs(model, theirs);
        expect(await tfjsGap(model, theirs, (c.input ?? randomTensor)([2, ...c.shape], 2))).toBeLessThan(1e-5);
        theirs.dispose();
      }
      model.dispose();
      back.dispose();
    });
  }

  it('writes Keras 3 objects with module and registered_name, and dtype policies', () => {
    const layer = new Dense({ units: 2, kernelRegularizer: new L2({ l2: 0.5 }), kernelConstraint: new MaxNorm({ maxValue: 3 }) });
    oneLayer(layer, [3]);
    const json = layerToKerasJSON(layer, 'keras3');
    expect(json).toMatchObject({ module: 'keras.layers', class_name: 'Dense', registered_name: null, build_config: { input_shape: [null, 3] } });
    expect(json.config).toMatchObject({
      dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null },
      kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null },
      kernel_regularizer: { module: 'keras.regularizers', class_name: 'L2', config: { l2: 0.5 }, registered_name: null },
      kernel_constraint: { module: 'keras.constraints', class_name: 'MaxNorm', config: { max_value: 3, axis: 0 }, registered_name: null },
    });
    const tfjsJSON = layerToKerasJSON(layer, 'tfjs');
    expect(tfjsJSON).toEqual({ class_name: 'Dense', config: expect.objectContaining({ dtype: 'float32', kernel_regularizer: { class_name: 'L1L2', config: { l1: 0, l2: 0.5 } } }) });
    layer.dispose();
  });

  it("refuses to write Neurite's hard_sigmoid for TensorFlow.js, whose hardSigmoid has another slope", () => {
    const model = oneLayer(new ActivationLayer({ activation: 'hard_sigmoid' }), [2]);
    expect(() => modelToKerasJSON(model, { flavor: 'tfjs' })).toThrow(/hardSigmoid \(slope 0\.2\)/);
    expect(roundTrip(model).layers[0].getConfig().activation).toBe('hard_sigmoid');
  });
});
