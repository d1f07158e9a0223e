import { NeuriteError, argumentError } from '@neurite/tensor';
import { Model } from '../../models/model.js';
import { modelToKerasJSON } from '../config/index.js';
import { encodeWeights } from './encode-weights.js';
import { messageOf } from './errors.js';
import type { TfjsArtifacts, TfjsModelJSON } from './types.js';
import { writeFilesAtomically } from './write-files.js';
import { nodeModule } from '../sources/index.js';
import { type NodePath, type NodeUrl } from '../sources/node-types.js';

const OP = 'saveTfjsModel';
export const SHARD_NAME = 'group1-shard1of1.bin';

/** model.json's content and the weights' bytes, all in memory. */
async function artifactsOf(model: Model): Promise<TfjsArtifacts> {
  let topology: Record<string, unknown>;
  try {
    topology = modelToKerasJSON(model, { flavor: 'tfjs' });
  } catch (e) {
    throw new NeuriteError(`${OP}: the topology of ${model.name} cannot be written: ${messageOf(e)}`);
  }
  const { specs, data } = await encodeWeights(model, OP);
  const modelJson: TfjsModelJSON = {
    format: 'layers-model',
    generatedBy: 'Neurite (@neurite/keras)',
    convertedBy: null,
    modelTopology: topology,
    weightsManifest: [{ paths: [SHARD_NAME], weights: specs }],
  };
  return { modelJson, weightData: data };
}

/**
 * Saves `model` in the TensorFlow.js layers format. Given a directory (Node), writes `model.json` and
 * `group1-shard1of1.bin` there (given a path ending in `.json`, that file and the shard beside it), all
 * through temporary files renamed over the old ones once written, so a failed save leaves the previous
 * files as they were. Always returns the two files' contents (for the browser or `tf.io.fromMemory`).
 */
export async function saveTfjsModel(model: Model, target?: string | URL): Promise<TfjsArtifacts> {
  if (!(model instanceof Model)) throw argumentError(OP, 'model', 'a Model or Sequential', model);
  model.assertNotDisposed('be saved');
  if (target !== undefined && !(target instanceof URL) && (typeof target !== 'string' || target === '')) {
    throw argumentError(OP, 'target', 'a directory path or a file URL', target);
  }
  // Everything is serialized before anything is written: an error here touches no file.
  const artifacts = await artifactsOf(model);
  if (target !== undefined) {
    const [url, path] = await Promise.all([nodeModule<NodeUrl>('node:url'), nodeModule<NodePath>('node:path')]);
    const given = target instanceof URL ? url.fileURLToPath(target) : target;
    // A path ending in .json names model.json itself; anything else is the directory.
    const [dir, jsonName] = /\.json$/i.test(given) ? [path.dirname(given), path.basename(given)] : [given, 'model.json'];
    await writeFilesAtomically(OP, dir, [
      { name: SHARD_NAME, data: artifacts.weightData },
      { name: jsonName, data: JSON.stringify(artifacts.modelJson) },
    ]);
  }
  return artifacts;
}
