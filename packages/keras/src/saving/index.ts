// Model files: Keras JSON, Keras 3 `.keras` archives and `.weights.h5`, legacy Keras 2 `.h5`, and the
// TensorFlow.js layers format. Importing this module also adds the saving methods to `Model`.
import './model-methods.js';

export { modelToKerasJSON, modelFromKerasJSON } from './config/index.js';
export type { KerasFlavor, ModelToJSONOptions, ModelFromJSONOptions } from './config/index.js';
export { loadModel, saveModel, saveWeights, loadWeights } from './keras-archive/index.js';
export type { LoadWeightsOptions, SaveTarget, ByteSource } from './keras-archive/index.js';
export { loadTfjsModel, loadTfjsWeights, saveTfjsModel } from './tfjs/index.js';
export type { TfjsArtifacts, TfjsSource, TfjsModelJSON } from './tfjs/index.js';
export type { KerasObjectJSON, CustomObjects, LoadOptions } from './contract.js';
export { modelFromJSON } from './model-methods.js';
