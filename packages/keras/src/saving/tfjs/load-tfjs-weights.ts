import { argumentError } from '@neurite/tensor';
import { Layer } from '@neurite/layers';
import type { LoadOptions } from '../contract.js';
import { applyTfjsWeights } from './load-weights.js';
import { modelFiles } from './model-files.js';
import { parseModelJson } from './parse-model-json.js';
import { checkDTypes, readGroups } from './read-shards.js';
import type { TfjsSource } from './types.js';

const OP = 'loadTfjsWeights';

/**
 * Sets the weights of an existing model (or layer) from TensorFlow.js files, matching them by layer and
 * weight name; the topology in model.json is not read. Everything is checked before the first weight is
 * assigned, so an error leaves the model's weights as they were.
 */
export async function loadTfjsWeights(model: Layer, source: TfjsSource, options: Pick<LoadOptions, 'onProgress'> = {}): Promise<void> {
  if (!(model instanceof Layer)) throw argumentError(OP, 'model', 'a Model or Layer', model);
  const files = modelFiles(source, OP);
  const json = parseModelJson(await files.readModelJson(), files.ref, false);
  checkDTypes(json.weightsManifest, files.ref);
  const groups = await readGroups(files, json.weightsManifest, options.onProgress);
  applyTfjsWeights(model, json.weightsManifest, groups, files.ref);
  options.onProgress?.(1);
}
