import { argumentError } from '@neurite/tensor';
import { Model } from '../../models/model.js';
import { fileError, readBytes, type ByteSource } from '../sources/index.js';
import { parseJsonMember } from './archive-json.js';
import { assignWeights, type WeightAssignment } from './assign-weights.js';
import { detectFormat } from './detect-format.js';
import { readHdf5 } from './h5/h5-bytes.js';
import { getEntity, isGroup } from './h5/h5-read.js';
import type { H5File } from './h5/h5wasm-module.js';
import { describeStart } from './h5/signature.js';
import { CONFIG_MEMBER, WEIGHTS_MEMBER } from './load-archive.js';
import { readKeras3Weights } from './read-keras3-weights.js';
import { readOptimizerVars, restoreOptimizer, type SavedOptimizerState } from './optimizer-state.js';
import { readLegacyWeights } from './read-legacy-weights.js';
import { checkTarget, writeTarget, type SaveTarget } from './save-target.js';
import { storageEntries } from './storage-paths.js';
import { keras3WeightsBytes } from './write-keras3-weights.js';
import { readZip } from './zip-archive.js';

export interface LoadWeightsOptions {
  /** Called with the fraction (0 to 1) of bytes read. */
  onProgress?: (fraction: number) => void;
}

/**
 * Saves the model's weights as a Keras 3 `.weights.h5` file (`layers/<path>/vars/<i>`, the layout of
 * model.weights.h5 in a .keras archive), with the optimizer's state when the model is compiled (as
 * Keras's `save_weights` does). Given a path (Node) it is written atomically; returns the bytes.
 */
export async function saveWeights(model: Model, target?: SaveTarget): Promise<Uint8Array> {
  const op = 'saveWeights';
  if (!(model instanceof Model)) throw argumentError(op, 'model', 'a Model or Sequential', model);
  model.assertNotDisposed('be saved');
  checkTarget(target, op);
  const bytes = await keras3WeightsBytes(model, op, undefined, true);
  await writeTarget(target, bytes, op);
  return bytes;
}

interface WeightsPlan {
  weights: WeightAssignment[];
  /** A Keras 3 file's optimizer state, read when the model is compiled (null: none to restore). */
  optimizer: SavedOptimizerState | null;
}

/**
 * The checked weights of an HDF5 file of any Keras layout (Keras 3, Keras 2 weights-only, Keras 2 full
 * model), and a Keras 3 file's optimizer state when the model is compiled (Keras 2 files are not read for it).
 */
function planFromHdf5(file: H5File, model: Model, name: string, op: string, json?: unknown, member = ''): WeightsPlan {
  if ('layer_names' in file.attrs) return { weights: readLegacyWeights(file, model, name, op), optimizer: null };
  const legacy = getEntity(file, 'model_weights');
  if (isGroup(legacy) && 'layer_names' in legacy.attrs) return { weights: readLegacyWeights(legacy, model, name, op), optimizer: null };
  return {
    weights: readKeras3Weights(file, storageEntries(model, json), name, op, member === '' ? '' : `${member}: `),
    optimizer: model.compiled ? readOptimizerVars(file) : null,
  };
}

/**
 * Loads weights into an existing model from a Keras 3 `.weights.h5` file, a Keras 2 weights or model
 * `.h5` file, or the weights of a `.keras` archive. Every weight is read and checked (count, shapes)
 * before any is assigned, so on error the model keeps all its previous weights. A compiled model also
 * takes a Keras 3 file's optimizer state (skipped with a warning when it does not fit, as Keras does).
 */
export async function loadWeights(model: Model, source: ByteSource, options: LoadWeightsOptions = {}): Promise<void> {
  const op = 'loadWeights';
  if (!(model instanceof Model)) throw argumentError(op, 'model', 'a Model or Sequential', model);
  const { bytes, name } = await readBytes(source, { operation: op, onProgress: options.onProgress });
  if (bytes.byteLength === 0) throw fileError(op, name, 'is empty');
  let plan: WeightsPlan;
  const format = detectFormat(bytes);
  if (format === 'zip') {
    const files = readZip(bytes, name, op);
    const weights = files.get(WEIGHTS_MEMBER);
    if (!weights) throw fileError(op, name, `is a zip archive without ${WEIGHTS_MEMBER} (members: [${[...files.keys()].join(', ')}])`);
    const config = files.get(CONFIG_MEMBER);
    const json = config ? parseJsonMember(config, CONFIG_MEMBER, name, op) : undefined;
    plan = await readHdf5(weights, name, op, (file) => planFromHdf5(file, model, name, op, json, WEIGHTS_MEMBER), WEIGHTS_MEMBER);
  } else if (format === 'hdf5') {
    plan = await readHdf5(bytes, name, op, (file) => planFromHdf5(file, model, name, op));
  } else {
    throw fileError(op, name, `is not a weights file (expected HDF5 .weights.h5 / .h5, or a .keras archive; got ${describeStart(bytes)})`);
  }
  assignWeights(plan.weights);
  if (plan.optimizer) restoreOptimizer(model, plan.optimizer, name, op);
}
