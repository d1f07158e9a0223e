import type { Model } from '../../models/model.js';
import type { LoadOptions } from '../contract.js';
import { fileError } from '../sources/index.js';
import { assignWeights, type WeightAssignment } from './assign-weights.js';
import { buildModel } from './build-model.js';
import { restoreCompile } from './compile-config-read.js';
import { withWeightBudget } from '@neurite/layers';
import { readHdf5 } from './h5/h5-bytes.js';
import { storedValueCount } from './h5/stored-values.js';
import { getEntity, isGroup, readTextAttribute } from './h5/h5-read.js';
import type { H5File } from './h5/h5wasm-module.js';
import { readLegacyWeights } from './read-legacy-weights.js';

function parseTraining(text: string, name: string, operation: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw fileError(operation, name, `the 'training_config' attribute is not valid JSON: ${(e as Error).message}`, e);
  }
}

/** Why an HDF5 file without `model_config` cannot be loaded as a whole model. */
function notAModel(file: H5File): string {
  if ('layer_names' in file.attrs) return 'is a Keras 2 weights-only file (no model_config): build the model, then use loadWeights';
  if (isGroup(getEntity(file, 'layers'))) return 'is a Keras 3 weights file (.weights.h5, no model config): build the model, then use loadWeights';
  return `is an HDF5 file but not a Keras model: it has no 'model_config' attribute (top-level entries: [${file.keys().join(', ')}])`;
}

/**
 * Loads a Keras 2 full-model `.h5` file: the model from the JSON in the root attribute `model_config`,
 * then the weights under `model_weights`, paired layer by layer as Keras 2 does, then (unless
 * `compile: false`) the optimizer, loss and metrics of `training_config`. Everything is checked before
 * any weight is assigned; on error the model is disposed.
 */
export async function loadLegacyH5(bytes: Uint8Array, name: string, options: LoadOptions, operation: string): Promise<Model> {
  const { model, plan, training, kerasVersion } = await readHdf5(bytes, name, operation, (file) => {
    const config = readTextAttribute(file, 'model_config');
    if (config === null) throw fileError(operation, name, notAModel(file));
    const weights = getEntity(file, 'model_weights');
    if (!isGroup(weights)) throw fileError(operation, name, "has a model_config but no 'model_weights' group");
    const training = options.compile === false ? null : readTextAttribute(file, 'training_config');
    const kerasVersion = readTextAttribute(file, 'keras_version') ?? undefined;
    const budget = storedValueCount(file, bytes.byteLength, (message) => fileError(operation, name, message));
    const built = withWeightBudget(budget, `the weights of '${name}'`, () => buildModel(config, options, name, operation, 'model_config', kerasVersion));
    let checked: WeightAssignment[];
    try {
      checked = readLegacyWeights(weights, built, name, operation);
    } catch (e) {
      built.dispose();
      throw e;
    }
    return { model: built, plan: checked, training, kerasVersion };
  });
  try {
    assignWeights(plan);
    if (training !== null) restoreCompile(model, parseTraining(training, name, operation), name, operation, kerasVersion);
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}
