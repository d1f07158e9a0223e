// The one place where Keras's snake_case layer config keys meet Neurite's camelCase constructor args, for
// every layer @neurite/layers has. Each key says how its value is converted; the keys Keras writes that
// leave the computation unchanged are listed with the values at which that holds.
import type {
  ActivationLayerArgs, ActivityRegularizationArgs, AlphaDropoutArgs, BatchNormalizationArgs, BidirectionalArgs, ConcatenateArgs,
  EmbeddingArgs, GRUArgs, LSTMArgs, MaskingArgs, RNNArgs, SimpleRNNArgs, TimeDistributedArgs, ZeroPaddingArgs, CroppingArgs,
  UpSamplingArgs, RepeatVectorArgs, PermuteArgs, RescalingArgs, MultiHeadAttentionArgs, SeparableConvArgs, SimpleRNNCellArgs,
  LSTMCellArgs, GRUCellArgs,
  Conv2DTransposeArgs, ConvArgs, DenseArgs, DepthwiseConv2DArgs, DotArgs, DropoutArgs, FlattenArgs, GaussianDropoutArgs,
  GaussianNoiseArgs, GlobalPoolingArgs, InputLayerArgs, LayerArgs, LayerNormalizationArgs, PoolingArgs, ReshapeArgs,
  SpatialDropoutArgs,
} from '@neurite/layers';
import type { KerasFlavor } from './flavor.js';

/** How a value crosses the boundary. */
export type ValueKind =
  | 'plain' // numbers, booleans, strings Keras and Neurite spell alike, shapes and tuples
  | 'dataFormat' // 'channels_last' <-> 'channelsLast'
  | 'activation'
  | 'initializer'
  | 'regularizer'
  | 'constraint'
  | 'dtype' // a string or a dtype policy object
  | 'singleAxis' // tf.keras writes BatchNormalization's axis as a one-element list
  | 'nullIsDefault' // TensorFlow.js writes null for "the default" (LSTM's unit_forget_bias)
  | 'layer'; // a held layer's { class_name, config } (the `sublayer` of the rule)

export interface KeyRule<A> {
  /** The Neurite constructor argument (checked against the layer's args type). */
  arg: Extract<keyof A, string>;
  kind?: ValueKind;
  /** Flavors that write this key (all by default); reading accepts it from any. */
  writtenIn?: readonly KerasFlavor[];
  /** Left out when writing at this value: Keras has no such key, so only a non-default value is written. */
  omitWhen?: unknown;
  /** For kind 'layer': the key of the held layer written here (Layer.sublayers). */
  sublayer?: string;
}

/** A key Keras writes that Neurite does not need, with why, and the values at which it changes nothing. */
export interface Neutral {
  why: string;
  /** Accepted values; absent: any value (the key never changes the computation). */
  values?: readonly unknown[];
}

export interface LayerTable<A> {
  keys: { readonly [kerasKey: string]: KeyRule<A> };
  ignored?: { readonly [kerasKey: string]: Neutral };
}

const table = <A>(t: LayerTable<A>): LayerTable<unknown> => t as unknown as LayerTable<unknown>;

/** Keys every layer has (Keras's base Layer). */
export const BASE_KEYS: LayerTable<LayerArgs> = {
  keys: {
    name: { arg: 'name' },
    trainable: { arg: 'trainable' },
    dtype: { arg: 'dtype', kind: 'dtype' },
    // Keras 2 and TensorFlow.js put the input shape on a Sequential's first layer; Keras 3 refuses the key.
    batch_input_shape: { arg: 'batchInputShape', writtenIn: ['tfjs'] },
    activity_regularizer: { arg: 'activityRegularizer', kind: 'regularizer', omitWhen: null },
  },
};

const LORA: Record<string, Neutral> = {
  lora_rank: { why: 'LoRA adapters (Keras 3) add trainable low-rank weights', values: [null, 0] },
  lora_alpha: { why: 'only scales LoRA adapters, which are off' },
};

/** The kernel and bias options of Dense and MultiHeadAttention. */
const kernelAndBiasKeys = {
  kernel_initializer: { arg: 'kernelInitializer', kind: 'initializer' },
  bias_initializer: { arg: 'biasInitializer', kind: 'initializer' },
  kernel_regularizer: { arg: 'kernelRegularizer', kind: 'regularizer' },
  bias_regularizer: { arg: 'biasRegularizer', kind: 'regularizer' },
  kernel_constraint: { arg: 'kernelConstraint', kind: 'constraint' },
  bias_constraint: { arg: 'biasConstraint', kind: 'constraint' },
} as const;

const dense = table<DenseArgs>({
  keys: {
    units: { arg: 'units' },
    activation: { arg: 'activation', kind: 'activation' },
    use_bias: { arg: 'useBias' },
    ...kernelAndBiasKeys,
  },
  ignored: { ...LORA, quantization_config: { why: 'a quantized layer stores other weights', values: [null] } },
});

/** The keys of BaseConv (all convolutions). */
const baseConvKeys = {
  kernel_size: { arg: 'kernelSize' },
  strides: { arg: 'strides' },
  padding: { arg: 'padding' },
  data_format: { arg: 'dataFormat', kind: 'dataFormat' },
  dilation_rate: { arg: 'dilationRate' },
  activation: { arg: 'activation', kind: 'activation' },
  use_bias: { arg: 'useBias' },
  bias_initializer: { arg: 'biasInitializer', kind: 'initializer' },
  bias_regularizer: { arg: 'biasRegularizer', kind: 'regularizer' },
  bias_constraint: { arg: 'biasConstraint', kind: 'constraint' },
} as const;

const kernelKeys = {
  kernel_initializer: { arg: 'kernelInitializer', kind: 'initializer' },
  kernel_regularizer: { arg: 'kernelRegularizer', kind: 'regularizer' },
  kernel_constraint: { arg: 'kernelConstraint', kind: 'constraint' },
} as const;

const conv = table<ConvArgs>({
  keys: {
    filters: { arg: 'filters' },
    ...baseConvKeys,
    // TensorFlow.js has no grouped convolution (and Neurite only groups=1).
    groups: { arg: 'groups', writtenIn: ['keras3'] },
    ...kernelKeys,
  },
  ignored: LORA,
});

const conv2dTranspose = table<Conv2DTransposeArgs>({
  keys: { filters: { arg: 'filters' }, ...baseConvKeys, output_padding: { arg: 'outputPadding', writtenIn: ['keras3'] }, ...kernelKeys },
  ignored: LORA,
});

const depthwiseConv2d = table<DepthwiseConv2DArgs>({
  keys: {
    depth_multiplier: { arg: 'depthMultiplier' },
    ...baseConvKeys,
    depthwise_initializer: { arg: 'depthwiseInitializer', kind: 'initializer' },
    depthwise_regularizer: { arg: 'depthwiseRegularizer', kind: 'regularizer' },
    depthwise_constraint: { arg: 'depthwiseConstraint', kind: 'constraint' },
  },
  ignored: { ...LORA, groups: { why: 'tf.keras writes the Conv2D default', values: [1, null] } },
});

const separableConv = table<SeparableConvArgs>({
  keys: {
    filters: { arg: 'filters' },
    ...baseConvKeys,
    depth_multiplier: { arg: 'depthMultiplier' },
    depthwise_initializer: { arg: 'depthwiseInitializer', kind: 'initializer' },
    pointwise_initializer: { arg: 'pointwiseInitializer', kind: 'initializer' },
    depthwise_regularizer: { arg: 'depthwiseRegularizer', kind: 'regularizer' },
    pointwise_regularizer: { arg: 'pointwiseRegularizer', kind: 'regularizer' },
    depthwise_constraint: { arg: 'depthwiseConstraint', kind: 'constraint' },
    pointwise_constraint: { arg: 'pointwiseConstraint', kind: 'constraint' },
  },
  ignored: { ...LORA, groups: { why: 'tf.keras writes the Conv2D default', values: [1, null] } },
});

const pooling = table<PoolingArgs>({
  keys: {
    pool_size: { arg: 'poolSize' },
    strides: { arg: 'strides' },
    padding: { arg: 'padding' },
    data_format: { arg: 'dataFormat', kind: 'dataFormat' },
  },
});

const globalPooling = table<GlobalPoolingArgs>({
  keys: { data_format: { arg: 'dataFormat', kind: 'dataFormat' }, keepdims: { arg: 'keepdims' } },
});

const normalizationKeys = {
  epsilon: { arg: 'epsilon' },
  center: { arg: 'center' },
  scale: { arg: 'scale' },
  beta_initializer: { arg: 'betaInitializer', kind: 'initializer' },
  gamma_initializer: { arg: 'gammaInitializer', kind: 'initializer' },
  beta_regularizer: { arg: 'betaRegularizer', kind: 'regularizer' },
  gamma_regularizer: { arg: 'gammaRegularizer', kind: 'regularizer' },
  beta_constraint: { arg: 'betaConstraint', kind: 'constraint' },
  gamma_constraint: { arg: 'gammaConstraint', kind: 'constraint' },
} as const;

const batchNormalization = table<BatchNormalizationArgs>({
  keys: {
    axis: { arg: 'axis', kind: 'singleAxis' },
    momentum: { arg: 'momentum' },
    ...normalizationKeys,
    moving_mean_initializer: { arg: 'movingMeanInitializer', kind: 'initializer' },
    moving_variance_initializer: { arg: 'movingVarianceInitializer', kind: 'initializer' },
  },
  ignored: {
    synchronized: { why: 'only syncs statistics across devices' },
    fused: { why: 'tf.keras: a faster kernel for the same result' },
    renorm: { why: 'batch renormalization computes otherwise', values: [false, null] },
    renorm_clipping: { why: 'only used with renorm', values: [null] },
    renorm_momentum: { why: 'only used with renorm' },
    virtual_batch_size: { why: 'ghost batch normalization computes otherwise', values: [null] },
    adjustment: { why: 'a custom adjustment function computes otherwise', values: [null] },
  },
});

const layerNormalization = table<LayerNormalizationArgs>({
  keys: { axis: { arg: 'axis' }, ...normalizationKeys },
  ignored: { rms_scaling: { why: 'RMS scaling computes otherwise', values: [false, null] } },
});

const dropout = table<DropoutArgs>({
  keys: {
    rate: { arg: 'rate' },
    noise_shape: { arg: 'noiseShape' },
    seed: { arg: 'seed' },
    // Neurite's own option: Keras only has inverted dropout, so only the other value is written.
    scaling: { arg: 'scaling', omitWhen: 'inverted' },
  },
});

const spatialDropout = table<SpatialDropoutArgs>({
  keys: { rate: { arg: 'rate' }, data_format: { arg: 'dataFormat', kind: 'dataFormat' }, seed: { arg: 'seed' } },
  ignored: { noise_shape: { why: 'tf.keras writes Dropout\'s key; the mask shape is fixed by the layer', values: [null] } },
});

const inputLayer = table<InputLayerArgs>({
  keys: {
    batch_shape: { arg: 'batchInputShape', writtenIn: ['keras3'] },
    batch_input_shape: { arg: 'batchInputShape', writtenIn: ['tfjs'] },
  },
  ignored: {
    sparse: { why: 'sparse inputs hold other tensors', values: [false, null] },
    ragged: { why: 'ragged inputs hold other tensors', values: [false, null] },
    optional: { why: 'an optional (None) input', values: [false, null] },
  },
});

const embedding = table<EmbeddingArgs>({
  keys: {
    input_dim: { arg: 'inputDim' },
    output_dim: { arg: 'outputDim' },
    embeddings_initializer: { arg: 'embeddingsInitializer', kind: 'initializer' },
    embeddings_regularizer: { arg: 'embeddingsRegularizer', kind: 'regularizer' },
    embeddings_constraint: { arg: 'embeddingsConstraint', kind: 'constraint' },
    mask_zero: { arg: 'maskZero' },
  },
  ignored: {
    ...LORA,
    input_length: { why: 'Keras 2 and TensorFlow.js: only the expected sequence length, which the input shape carries' },
    sparse: { why: 'a sparse gradient for the table', values: [false, null] },
    quantization_config: { why: 'a quantized layer stores other weights', values: [null] },
  },
});

/** The RNN base's keys (every recurrent layer). */
const recurrentKeys = {
  return_sequences: { arg: 'returnSequences' },
  return_state: { arg: 'returnState' },
  go_backwards: { arg: 'goBackwards' },
  stateful: { arg: 'stateful' },
  unroll: { arg: 'unroll' },
  zero_output_for_mask: { arg: 'zeroOutputForMask', writtenIn: ['keras3'] },
} as const;

const recurrentIgnored: Record<string, Neutral> = {
  time_major: { why: 'tf.keras: steps first instead of batch first', values: [false, null] },
  implementation: { why: 'Keras 2 and TensorFlow.js: the same equations in fewer or more matrix products' },
  use_cudnn: { why: 'Keras 3: a faster kernel for the same result' },
};

/** A cell's keys, as SimpleRNN, LSTM and GRU write them inline. */
const cellKeys = {
  units: { arg: 'units' },
  activation: { arg: 'activation', kind: 'activation' },
  use_bias: { arg: 'useBias' },
  ...kernelAndBiasKeys,
  recurrent_initializer: { arg: 'recurrentInitializer', kind: 'initializer' },
  recurrent_regularizer: { arg: 'recurrentRegularizer', kind: 'regularizer' },
  recurrent_constraint: { arg: 'recurrentConstraint', kind: 'constraint' },
  dropout: { arg: 'dropout' },
  recurrent_dropout: { arg: 'recurrentDropout' },
  // Keras 3 seeds the dropout masks; Keras 2 and TensorFlow.js have no such key.
  seed: { arg: 'seed', writtenIn: ['keras3'] },
} as const;

/** LSTM's and GRU's own cell keys (beside cellKeys). */
const lstmCellKeys = {
  ...cellKeys,
  recurrent_activation: { arg: 'recurrentActivation', kind: 'activation' },
  unit_forget_bias: { arg: 'unitForgetBias', kind: 'nullIsDefault' },
} as const;
const gruCellKeys = { ...cellKeys, recurrent_activation: { arg: 'recurrentActivation', kind: 'activation' }, reset_after: { arg: 'resetAfter' } } as const;

// The layers write their cell's keys inline beside the RNN's; a cell on its own (in a generic RNN's
// config) has only its own.
const simpleRnn = table<SimpleRNNArgs>({ keys: { ...cellKeys, ...recurrentKeys }, ignored: recurrentIgnored });
const lstm = table<LSTMArgs>({ keys: { ...lstmCellKeys, ...recurrentKeys }, ignored: recurrentIgnored });
const gru = table<GRUArgs>({ keys: { ...gruCellKeys, ...recurrentKeys }, ignored: recurrentIgnored });
const simpleRnnCell = table<SimpleRNNCellArgs>({ keys: cellKeys, ignored: recurrentIgnored });
const lstmCell = table<LSTMCellArgs>({ keys: lstmCellKeys, ignored: recurrentIgnored });
const gruCell = table<GRUCellArgs>({ keys: gruCellKeys, ignored: recurrentIgnored });

const rnn = table<RNNArgs>({ keys: { cell: { arg: 'cell', kind: 'layer', sublayer: 'cell' }, ...recurrentKeys }, ignored: recurrentIgnored });

const bidirectional = table<BidirectionalArgs>({
  keys: { layer: { arg: 'layer', kind: 'layer', sublayer: 'forward_layer' }, merge_mode: { arg: 'mergeMode' } },
  ignored: {
    // Keras 3 writes the backward copy it made; Neurite makes the same copy (goBackwards flipped) from `layer`.
    backward_layer: { why: 'the backward copy of layer, which Neurite makes itself' },
  },
});

/** 1-D padding, cropping and upsampling are channels-last only (newer Keras 3 writes data_format for them). */
const channelsLastOnly: Record<string, Neutral> = { data_format: { why: 'Neurite\'s 1-D layers are channels-last', values: ['channels_last', null] } };

const zeroPadding1d = table<ZeroPaddingArgs>({ keys: { padding: { arg: 'padding' } }, ignored: channelsLastOnly });
const zeroPadding2d = table<ZeroPaddingArgs>({ keys: { padding: { arg: 'padding' }, data_format: { arg: 'dataFormat', kind: 'dataFormat' } } });
const cropping1d = table<CroppingArgs>({ keys: { cropping: { arg: 'cropping' } }, ignored: channelsLastOnly });
const cropping2d = table<CroppingArgs>({ keys: { cropping: { arg: 'cropping' }, data_format: { arg: 'dataFormat', kind: 'dataFormat' } } });
const upSampling1d = table<UpSamplingArgs>({ keys: { size: { arg: 'size' } }, ignored: channelsLastOnly });
const upSampling2d = table<UpSamplingArgs>({
  keys: { size: { arg: 'size' }, data_format: { arg: 'dataFormat', kind: 'dataFormat' }, interpolation: { arg: 'interpolation' } },
});

const multiHeadAttention = table<MultiHeadAttentionArgs>({
  keys: {
    num_heads: { arg: 'numHeads' },
    key_dim: { arg: 'keyDim' },
    value_dim: { arg: 'valueDim' },
    dropout: { arg: 'dropout' },
    use_bias: { arg: 'useBias' },
    output_shape: { arg: 'outputShape' },
    attention_axes: { arg: 'attentionAxes' },
    ...kernelAndBiasKeys,
    seed: { arg: 'seed', writtenIn: ['keras3'] },
  },
  ignored: {
    query_shape: { why: 'the build shapes, which the inputs carry' },
    key_shape: { why: 'the build shapes, which the inputs carry' },
    value_shape: { why: 'the build shapes, which the inputs carry' },
    flash_attention: { why: 'a faster kernel for the same result' },
  },
});

/** Merge layers have only the base keys (Concatenate adds its axis, Dot its axes and normalize). */
const merge = table<LayerArgs>({ keys: {} });

/** Keras class name -> its key table. */
export const LAYER_TABLES: Readonly<Record<string, LayerTable<unknown>>> = {
  InputLayer: inputLayer,
  Dense: dense,
  Activation: table<ActivationLayerArgs>({ keys: { activation: { arg: 'activation', kind: 'activation' } } }),
  Flatten: table<FlattenArgs>({ keys: { data_format: { arg: 'dataFormat', kind: 'dataFormat' } } }),
  Reshape: table<ReshapeArgs>({ keys: { target_shape: { arg: 'targetShape' } } }),
  Conv1D: conv,
  Conv2D: conv,
  Conv2DTranspose: conv2dTranspose,
  DepthwiseConv2D: depthwiseConv2d,
  SeparableConv1D: separableConv,
  SeparableConv2D: separableConv,
  Conv3D: conv,
  MaxPooling1D: pooling,
  MaxPooling2D: pooling,
  MaxPooling3D: pooling,
  AveragePooling3D: pooling,
  GlobalMaxPooling3D: globalPooling,
  GlobalAveragePooling3D: globalPooling,
  AveragePooling1D: pooling,
  AveragePooling2D: pooling,
  GlobalMaxPooling1D: globalPooling,
  GlobalMaxPooling2D: globalPooling,
  GlobalAveragePooling1D: globalPooling,
  GlobalAveragePooling2D: globalPooling,
  BatchNormalization: batchNormalization,
  LayerNormalization: layerNormalization,
  Dropout: dropout,
  SpatialDropout1D: spatialDropout,
  SpatialDropout2D: spatialDropout,
  SpatialDropout3D: spatialDropout,
  GaussianDropout: table<GaussianDropoutArgs>({ keys: { rate: { arg: 'rate' }, seed: { arg: 'seed' } } }),
  GaussianNoise: table<GaussianNoiseArgs>({ keys: { stddev: { arg: 'stddev' }, seed: { arg: 'seed' } } }),
  AlphaDropout: table<AlphaDropoutArgs>({ keys: { rate: { arg: 'rate' }, noise_shape: { arg: 'noiseShape' }, seed: { arg: 'seed' } } }),
  ActivityRegularization: table<ActivityRegularizationArgs>({
    keys: { l1: { arg: 'l1' }, l2: { arg: 'l2' } },
    ignored: { activity_regularizer: { why: 'the layer makes its regularizer from l1 and l2' } },
  }),
  Add: merge,
  Subtract: merge,
  Multiply: merge,
  Average: merge,
  Maximum: merge,
  Minimum: merge,
  Concatenate: table<ConcatenateArgs>({ keys: { axis: { arg: 'axis' } } }),
  Dot: table<DotArgs>({ keys: { axes: { arg: 'axes' }, normalize: { arg: 'normalize' } } }),
  Embedding: embedding,
  Masking: table<MaskingArgs>({ keys: { mask_value: { arg: 'maskValue' } } }),
  SimpleRNN: simpleRnn,
  LSTM: lstm,
  GRU: gru,
  RNN: rnn,
  SimpleRNNCell: simpleRnnCell,
  LSTMCell: lstmCell,
  GRUCell: gruCell,
  Bidirectional: bidirectional,
  TimeDistributed: table<TimeDistributedArgs>({ keys: { layer: { arg: 'layer', kind: 'layer', sublayer: 'layer' } } }),
  ZeroPadding1D: zeroPadding1d,
  ZeroPadding2D: zeroPadding2d,
  Cropping1D: cropping1d,
  Cropping2D: cropping2d,
  UpSampling1D: upSampling1d,
  UpSampling2D: upSampling2d,
  RepeatVector: table<RepeatVectorArgs>({ keys: { n: { arg: 'n' } } }),
  Permute: table<PermuteArgs>({ keys: { dims: { arg: 'dims' } } }),
  Rescaling: table<RescalingArgs>({ keys: { scale: { arg: 'scale' }, offset: { arg: 'offset' } } }),
  MultiHeadAttention: multiHeadAttention,
};

/** Keras's other names for a few classes (Keras 2 aliases, and TensorFlow.js's 'Model'). */
export const CLASS_ALIASES: Readonly<Record<string, string>> = {
  Convolution1D: 'Conv1D',
  Convolution2D: 'Conv2D',
  Conv2DTranspose: 'Conv2DTranspose',
  Deconvolution2D: 'Conv2DTranspose',
  MaxPool1D: 'MaxPooling1D',
  MaxPool2D: 'MaxPooling2D',
  AvgPool1D: 'AveragePooling1D',
  AvgPool2D: 'AveragePooling2D',
  GlobalMaxPool1D: 'GlobalMaxPooling1D',
  GlobalMaxPool2D: 'GlobalMaxPooling2D',
  GlobalAvgPool1D: 'GlobalAveragePooling1D',
  GlobalAvgPool2D: 'GlobalAveragePooling2D',
  Convolution3D: 'Conv3D',
  SeparableConvolution1D: 'SeparableConv1D',
  SeparableConvolution2D: 'SeparableConv2D',
  MaxPool3D: 'MaxPooling3D',
  AvgPool3D: 'AveragePooling3D',
  GlobalMaxPool3D: 'GlobalMaxPooling3D',
  GlobalAvgPool3D: 'GlobalAveragePooling3D',
};
