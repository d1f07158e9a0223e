import * as L from '@neurite/layers';

type Args<C> = C extends new (args: infer A) => unknown ? A : never;
/** A lower-case factory for a layer class, as TensorFlow.js offers (`layers.dense({ units: 64 })`). */
const factory =
  <C extends new (args: any) => L.Layer>(cls: C) =>
  (args: Args<C>): InstanceType<C> =>
    new cls(args) as InstanceType<C>;
/** A factory whose arguments may be left out (`layers.add()`, `layers.concatenate()`), for merge layers. */
const optionalFactory =
  <C extends new (args?: any) => L.Layer>(cls: C) =>
  (args?: Args<C>): InstanceType<C> =>
    new cls(args) as InstanceType<C>;

/** Every layer, as a class (`new layers.Dense({ units })`) and as a factory (`layers.dense({ units })`). */
export const layers = {
  Layer: L.Layer,
  Input: L.Input,
  InputLayer: L.InputLayer,
  Dense: L.Dense,
  Activation: L.ActivationLayer,
  Flatten: L.Flatten,
  Reshape: L.Reshape,
  Conv1D: L.Conv1D,
  Conv2D: L.Conv2D,
  Conv2DTranspose: L.Conv2DTranspose,
  DepthwiseConv2D: L.DepthwiseConv2D,
  MaxPooling1D: L.MaxPooling1D,
  MaxPooling2D: L.MaxPooling2D,
  AveragePooling1D: L.AveragePooling1D,
  AveragePooling2D: L.AveragePooling2D,
  GlobalMaxPooling1D: L.GlobalMaxPooling1D,
  GlobalMaxPooling2D: L.GlobalMaxPooling2D,
  GlobalAveragePooling1D: L.GlobalAveragePooling1D,
  GlobalAveragePooling2D: L.GlobalAveragePooling2D,
  BatchNormalization: L.BatchNormalization,
  LayerNormalization: L.LayerNormalization,
  Dropout: L.Dropout,
  SpatialDropout1D: L.SpatialDropout1D,
  SpatialDropout2D: L.SpatialDropout2D,
  SpatialDropout3D: L.SpatialDropout3D,
  GaussianDropout: L.GaussianDropout,
  GaussianNoise: L.GaussianNoise,
  AlphaDropout: L.AlphaDropout,
  ActivityRegularization: L.ActivityRegularization,
  Add: L.Add,
  Subtract: L.Subtract,
  Multiply: L.Multiply,
  Average: L.Average,
  Maximum: L.Maximum,
  Minimum: L.Minimum,
  Concatenate: L.Concatenate,
  Dot: L.Dot,

  inputLayer: factory(L.InputLayer),
  dense: factory(L.Dense),
  activation: factory(L.ActivationLayer),
  flatten: factory(L.Flatten),
  reshape: factory(L.Reshape),
  conv1d: factory(L.Conv1D),
  conv2d: factory(L.Conv2D),
  conv2dTranspose: factory(L.Conv2DTranspose),
  depthwiseConv2d: factory(L.DepthwiseConv2D),
  maxPooling1d: factory(L.MaxPooling1D),
  maxPooling2d: factory(L.MaxPooling2D),
  averagePooling1d: factory(L.AveragePooling1D),
  averagePooling2d: factory(L.AveragePooling2D),
  globalMaxPooling1d: factory(L.GlobalMaxPooling1D),
  globalMaxPooling2d: factory(L.GlobalMaxPooling2D),
  globalAveragePooling1d: factory(L.GlobalAveragePooling1D),
  globalAveragePooling2d: factory(L.GlobalAveragePooling2D),
  batchNormalization: factory(L.BatchNormalization),
  layerNormalization: factory(L.LayerNormalization),
  dropout: factory(L.Dropout),
  spatialDropout1d: factory(L.SpatialDropout1D),
  spatialDropout2d: factory(L.SpatialDropout2D),
  spatialDropout3d: factory(L.SpatialDropout3D),
  gaussianDropout: factory(L.GaussianDropout),
  gaussianNoise: factory(L.GaussianNoise),
  alphaDropout: factory(L.AlphaDropout),
  activityRegularization: factory(L.ActivityRegularization),
  // As TensorFlow.js: `layers.add()` returns the layer, to be applied to a list of tensors.
  add: optionalFactory(L.Add),
  subtract: optionalFactory(L.Subtract),
  multiply: optionalFactory(L.Multiply),
  average: optionalFactory(L.Average),
  maximum: optionalFactory(L.Maximum),
  minimum: optionalFactory(L.Minimum),
  concatenate: optionalFactory(L.Concatenate),
  dot: factory(L.Dot),
};
