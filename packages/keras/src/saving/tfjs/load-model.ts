import { NeuriteError } from '@neurite/tensor';
import { withWeightBudget } from '@neurite/layers';
import type { Model } from '../../models/model.js';
import { modelFromKerasJSON } from '../config/index.js';
import type { LoadOptions } from '../contract.js';
import { fileError, messageOf } from './errors.js';
import { applyTfjsWeights } from './load-weights.js';
import { modelFiles } from './model-files.js';
import { modelConfigOf, parseModelJson } from './parse-model-json.js';
import { checkDTypes, readGroups } from './read-shards.js';
import type { TfjsSource } from './types.js';

const OP = 'loadTfjsModel';

/**
 * Loads a TensorFlow.js layers model: model.json (from a path in Node, a URL, or memory), the model built
 * from its Keras JSON topology, then its weights from the shards named in the manifest. Every problem is
 * an error naming model.json (and the shard, layer, weight and shapes where they apply); the model is
 * never returned half built. The training config (`trainingConfig`) is not restored: compile the model.
 */
export async function loadTfjsModel(source: TfjsSource, options: LoadOptions = {}): Promise<Model> {
  const files = modelFiles(source, OP);
  const json = parseModelJson(await files.readModelJson(), files.ref);
  const config = modelConfigOf(json, files.ref);
  checkDTypes(json.weightsManifest, files.ref);
  const groups = await readGroups(files, json.weightsManifest, options.onProgress);

  let model: Model;
  try {
    // No more weight values than the shards hold (each value takes at least a byte; the manifest's
    // shapes were not yet compared with the shards): a topology declaring huge layers is refused first.
    const shardBytes = groups.reduce((n, g) => n + g.shards.reduce((m, s) => m + s.bytes.byteLength, 0), 0);
    const declared = json.weightsManifest.reduce((n, g) => n + g.weights.reduce((m, w) => m + w.shape.reduce((a, b) => a * b, 1), 0), 0);
    const budget = Math.min(shardBytes, declared);
    model = withWeightBudget(budget, `the weight shards of '${files.ref.file}'`, () => modelFromKerasJSON(config, { ...options, source: files.ref.file }));
  } catch (e) {
    // The topology reader already names the file; the prefix says which loader met the problem.
    if (e instanceof NeuriteError && e.message.includes(files.ref.file)) throw Object.assign(new NeuriteError(`${OP}: ${e.message}`), { cause: e });
    throw fileError(files.ref, `the model topology cannot be built: ${messageOf(e)}`, e);
  }
  try {
    applyTfjsWeights(model, json.weightsManifest, groups, files.ref);
  } catch (e) {
    model.dispose();
    throw e;
  }
  options.onProgress?.(1);
  return model;
}
