// @neurite/keras: the whole API in one import, in Keras's shape with TypeScript's naming.
// It registers no backend, so an app ships only the backends it imports: the umbrella package
// `neurite` registers the WebAssembly and CPU backends, or import '@neurite/backend-wasm' (or another).

// The tensor API: tensor, tidy, setBackend, grad, ...
export * from '@neurite/tensor';

// Layers and what configures them.
export { layers } from './namespaces/layers.js';
export { regularizers } from './namespaces/regularizers.js';
export { Regularizer } from '@neurite/regularizers';
export type { RegularizerConfig, RegularizerIdentifier } from '@neurite/regularizers';
export {
  initializers, constraints, activations, Input, Layer, LayerWeight, SeededLayer, SymbolicTensor, monteCarloPredict, Initializer, Constraint,
} from '@neurite/layers';
export type { LayerArgs, SeededLayerArgs, CallOptions, LayerShape, MonteCarloResult, LayerConfig, AddWeightOptions } from '@neurite/layers';

// Training.
export { optimizers, schedules } from './optimizers/index.js';
export type { OptimizerLike, OptimizerArgs, LearningRateSchedule } from './optimizers/index.js';
export { losses } from './losses/index.js';
export type { LossLike, LossArgs, PerSampleLosses } from './losses/index.js';
export { metrics } from './metrics/index.js';
export type { MetricLike } from './metrics/index.js';
export { callbacks } from './namespaces/callbacks.js';
export { Callback, History } from './callbacks/index.js';
export type { Logs, TrainParams } from './callbacks/index.js';

// A downstream library's own layers, regularizers, initializers, constraints and losses, known by name.
export { registerSerializable } from './serializable.js';
export type { SerializableClass } from './serializable.js';

// Models.
export { Model, Sequential, model, sequential } from './models/index.js';
export type { ModelArgs, SequentialArgs } from './models/index.js';
export type { CompileArgs, FitArgs, EvaluateArgs, PredictArgs } from './training/index.js';

// Model files (importing this also adds model.save(), model.toJSON(), model.saveWeights(), …).
export {
  loadModel, saveModel, saveWeights, loadWeights, modelFromJSON, modelToKerasJSON, modelFromKerasJSON, loadTfjsModel,
  loadTfjsWeights, saveTfjsModel,
} from './saving/index.js';
export type { LoadOptions, CustomObjects, KerasObjectJSON, SaveTarget, ByteSource, TfjsArtifacts, TfjsSource } from './saving/index.js';

// The types of what the namespaces hold, for annotations in apps and downstream libraries
// (the classes themselves are reached through the namespaces: `new optimizers.Adam()`).
export type {
  Optimizer, SGD, Adam, AdamW, RMSprop, Adagrad, Schedule, ExponentialDecay, CosineDecay, PiecewiseConstantDecay,
  SGDArgs, AdamArgs, AdamWArgs, RMSpropArgs, AdagradArgs, ExponentialDecayArgs, CosineDecayArgs, PiecewiseConstantDecayArgs,
  BaseOptimizerArgs, SerializedConfig,
} from './optimizers/index.js';
export type {
  Loss, MeanSquaredError, MeanAbsoluteError, Huber, BinaryCrossentropy, CategoricalCrossentropy, SparseCategoricalCrossentropy,
  LossFunctionWrapper, HuberArgs, CrossentropyArgs, SparseCategoricalCrossentropyArgs, Reduction, LossClass, LossConfig, LossIdentifier,
  LossFunction,
} from './losses/index.js';
export type {
  Mean, MeanMetricWrapper, Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy, TopKCategoricalAccuracy,
  SparseTopKCategoricalAccuracy, MeanSquaredErrorMetric, MeanAbsoluteErrorMetric, MetricArgs, BinaryAccuracyArgs, TopKArgs,
  MetricConfig, MetricIdentifier, GetMetricOptions, MetricFunction,
} from './metrics/index.js';
export type {
  CallbackList, EarlyStopping, ReduceLROnPlateau, LambdaCallback, TerminateOnNaN, CSVLogger, ProgressBar, TrainingModel,
  EarlyStoppingArgs, ReduceLROnPlateauArgs, LambdaCallbackArgs, TerminateOnNaNArgs, CSVLoggerArgs, ProgressBarArgs, ProgressStream, MonitorMode,
} from './callbacks/index.js';
export type { ModelData, ClassWeight } from './training/index.js';
export type { MetricClass } from './metrics/index.js';
export type { OptimizerClass, ScheduleClass } from './optimizers/index.js';
export type { KerasFlavor, ModelToJSONOptions, ModelFromJSONOptions, LoadWeightsOptions, TfjsModelJSON } from './saving/index.js';
export type { TfjsMemorySource, BinaryLike, TfjsManifestGroup, TfjsWeightSpec, TfjsWeightDType, TfjsQuantization } from './saving/tfjs/index.js';
export type { OptimizerStateVariable, SavedStateValue, SlotLayout, SlotSpec } from './optimizers/index.js';
export type { MaybePromise } from './callbacks/index.js';
