// Saving as methods of Model, added here so that the models module does not depend on the file formats.
import { Model } from '../models/index.js';
import { modelFromKerasJSON, modelToKerasJSON, type KerasFlavor } from './config/index.js';
import type { LoadOptions } from './contract.js';
import { loadWeights, saveModel, saveWeights, type LoadWeightsOptions, type SaveTarget, type ByteSource } from './keras-archive/index.js';
import { saveTfjsModel, type TfjsArtifacts } from './tfjs/index.js';

declare module '../models/model.js' {
  interface Model {
    /** Saves a Keras 3 `.keras` archive to a path (atomically) or, with no target, returns its bytes. */
    save(target?: SaveTarget): Promise<Uint8Array>;
    /** The model's configuration as Keras writes it (config.json), as a JSON string. */
    toJSON(options?: { flavor?: KerasFlavor }): string;
    /** Saves the weights as a Keras 3 `.weights.h5` file (or returns its bytes). */
    saveWeights(target?: SaveTarget): Promise<Uint8Array>;
    /** Loads weights from a `.weights.h5`, a legacy `.h5` or a `.keras` file into this model. */
    loadWeights(source: ByteSource, options?: LoadWeightsOptions): Promise<void>;
    /** Saves in the TensorFlow.js layers format (model.json and a weight shard) to a directory, or in memory. */
    saveTfjs(target?: string | URL): Promise<TfjsArtifacts>;
  }
}

Model.prototype.save = function save(this: Model, target?: SaveTarget) {
  return saveModel(this, target);
};
Model.prototype.toJSON = function toJSON(this: Model, options: { flavor?: KerasFlavor } = {}) {
  return JSON.stringify(modelToKerasJSON(this, options));
};
Model.prototype.saveWeights = function (this: Model, target?: SaveTarget) {
  return saveWeights(this, target);
};
Model.prototype.loadWeights = function (this: Model, source: ByteSource, options?: LoadWeightsOptions) {
  return loadWeights(this, source, options);
};
Model.prototype.saveTfjs = function (this: Model, target?: string | URL) {
  return saveTfjsModel(this, target);
};

/** Rebuilds a model (without weights) from Keras 3, Keras 2 or TensorFlow.js JSON (a string or an object). */
export function modelFromJSON(json: string | object, options: LoadOptions = {}): Model {
  return modelFromKerasJSON(json, options);
}
