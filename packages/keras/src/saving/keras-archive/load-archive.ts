import type { Model } from '../../models/model.js';
import type { LoadOptions } from '../contract.js';
import { fileError } from '../sources/index.js';
import { checkMetadata, parseJsonMember } from './archive-json.js';
import { assignWeights } from './assign-weights.js';
import { buildModel } from './build-model.js';
import { restoreCompile } from './compile-config-read.js';
import { withWeightBudget } from '@neurite/layers';
import { readHdf5 } from './h5/h5-bytes.js';
import { storedValueCount } from './h5/stored-values.js';
import { readOptimizerVars, restoreOptimizer } from './optimizer-state.js';
import { readKeras3Weights } from './read-keras3-weights.js';
import { storageEntries } from './storage-paths.js';
import { readZip } from './zip-archive.js';

export const CONFIG_MEMBER = 'config.json';
export const METADATA_MEMBER = 'metadata.json';
export const WEIGHTS_MEMBER = 'model.weights.h5';

/** The members of a .keras archive Neurite needs, each checked to be there. */
function members(bytes: Uint8Array, name: string, operation: string) {
  const files = readZip(bytes, name, operation);
  const config = files.get(CONFIG_MEMBER);
  if (!config) {
    throw fileError(operation, name, `is a zip archive but not a Keras model: it has no ${CONFIG_MEMBER} (members: [${[...files.keys()].join(', ')}])`);
  }
  const weights = files.get(WEIGHTS_MEMBER);
  if (!weights) {
    const other = [...files.keys()].find((k) => /^model\.weights\.(npz|json)$/.test(k));
    throw fileError(
      operation,
      name,
      other ? `stores its weights as '${other}' (sharded or NumPy weights), which Neurite does not read; save with the default HDF5 weights` : `has no ${WEIGHTS_MEMBER}`,
    );
  }
  const metadata = files.get(METADATA_MEMBER);
  return { config, weights, metadata };
}

/**
 * Loads a Keras 3 `.keras` archive: the model from config.json (with no more weight values than
 * model.weights.h5 holds), then every weight from model.weights.h5, all read and checked before any is
 * assigned, then (unless `compile: false`) the
 * training configuration from config.json's compile_config and the optimizer's state from
 * `optimizer/vars` (skipped with a warning when it does not fit the optimizer). On any error the model
 * built so far is disposed and nothing is returned.
 */
export async function loadKerasArchive(bytes: Uint8Array, name: string, options: LoadOptions, operation: string): Promise<Model> {
  const parts = members(bytes, name, operation);
  const version = parts.metadata ? checkMetadata(parseJsonMember(parts.metadata, METADATA_MEMBER, name, operation), name, operation) : null;
  const kerasVersion = version ?? undefined;
  const config = parseJsonMember(parts.config, CONFIG_MEMBER, name, operation);
  const compile = options.compile !== false;
  let model: Model | null = null;
  try {
    const { plan, optimizerState } = await readHdf5(
      parts.weights,
      name,
      operation,
      (file) => {
        // The model is built only once the weights file is open: its weights may hold no more values
        // than the file does, so a config declaring huge layers is refused before it allocates them.
        const refuse = (message: string) => fileError(operation, name, `${WEIGHTS_MEMBER}: ${message}`);
        const budget = storedValueCount(file, parts.weights.byteLength, refuse);
        model = withWeightBudget(budget, `${WEIGHTS_MEMBER} of '${name}'`, () =>
          buildModel(config, options, name, operation, CONFIG_MEMBER, kerasVersion));
        const entries = storageEntries(model, config);
        return {
          plan: readKeras3Weights(file, entries, name, operation, `${WEIGHTS_MEMBER}: `),
          optimizerState: compile ? readOptimizerVars(file) : null,
        };
      },
      WEIGHTS_MEMBER,
    );
    const built = model as unknown as Model;
    assignWeights(plan);
    if (compile) {
      restoreCompile(built, config.compile_config, name, operation, kerasVersion);
      if (optimizerState) restoreOptimizer(built, optimizerState, name, operation);
    }
    return built;
  } catch (e) {
    (model as Model | null)?.dispose();
    throw e;
  }
}
