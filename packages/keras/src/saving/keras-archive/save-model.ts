import { argumentError } from '@neurite/tensor';
import { Model } from '../../models/model.js';
import { metadataJson } from './archive-json.js';
import { compileConfigOf } from './compile-config-write.js';
import { CONFIG_MEMBER, METADATA_MEMBER, WEIGHTS_MEMBER } from './load-archive.js';
import { checkTarget, writeTarget, type SaveTarget } from './save-target.js';
import { modelConfigJson } from './serialize-model.js';
import { keras3WeightsBytes } from './write-keras3-weights.js';
import { writeZip } from './zip-archive.js';

const OP = 'saveModel';
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/**
 * Saves `model` as a Keras 3 `.keras` archive: metadata.json, config.json (with compile_config when the
 * model is compiled) and model.weights.h5 (with the optimizer's state, `optimizer/vars/<i>` in Keras's
 * order, when the model is compiled with a Neurite optimizer), stored uncompressed as Keras writes them. Everything is built
 * in memory first; given a path (Node) the archive is then written through a temporary file renamed over
 * the target, so a failed save leaves any previous file intact. Returns the archive's bytes.
 */
export async function saveModel(model: Model, target?: SaveTarget): Promise<Uint8Array> {
  if (!(model instanceof Model)) throw argumentError(OP, 'model', 'a Model or Sequential', model);
  model.assertNotDisposed('be saved');
  checkTarget(target, OP);
  const config = modelConfigJson(model, OP);
  if (config.compile_config == null) {
    const compileConfig = compileConfigOf(model);
    if (compileConfig) config.compile_config = compileConfig;
  }
  const weights = await keras3WeightsBytes(model, OP, config, true);
  const archive = writeZip([
    [METADATA_MEMBER, encode(metadataJson())],
    [CONFIG_MEMBER, encode(config)],
    [WEIGHTS_MEMBER, weights],
  ]);
  await writeTarget(target, archive, OP);
  return archive;
}
