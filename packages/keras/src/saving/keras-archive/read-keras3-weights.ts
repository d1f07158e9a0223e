import { fileError, formatShape } from '../sources/index.js';
import type { LayerWeightsEntry } from '../contract.js';
import { storageDType, type WeightAssignment } from './assign-weights.js';
import { childNames, getEntity, isDataset, isGroup, readNumericDataset } from './h5/h5-read.js';
import { hdf5Reason, type H5File } from './h5/h5wasm-module.js';
import { varsGroupOf } from './storage-paths.js';

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function describeLayer(entry: LayerWeightsEntry): string {
  return `layer '${entry.layer.name}' (${entry.layer.className}, stored at '${entry.path || '/'}')`;
}

/** The dataset names of a `vars` group (numbers, numerically sorted), or [] when the group is missing. */
function storedNames(file: H5File, path: string): string[] {
  const group = getEntity(file, path);
  return isGroup(group) ? childNames(group) : [];
}

/**
 * Groups under `layers/` holding variables that no layer of the model claims: a file for another model.
 * Keras would skip them silently; here they are an error, since config and weights come as one.
 */
function unclaimedGroups(file: H5File, claimed: Set<string>): string[] {
  const owners = new Set<string>();
  for (const path of file.paths()) {
    const match = /^\/?(layers\/.*)\/vars\/[^/]+$/.exec(path);
    if (match && !claimed.has(`${match[1]}/vars`) && isDataset(getEntity(file, path))) owners.add(match[1]);
  }
  return [...owners];
}

/**
 * Reads every variable of the model from a Keras 3 weights file (`layers/<path>/vars/<i>`) and checks it
 * before anything is assigned: every layer's group holds exactly as many variables as the layer has, each
 * of the layer's shape, and no group is left over. Errors name the file (`file`, with `where` inside an
 * archive), the layer, the weight and both shapes.
 */
export function readKeras3Weights(file: H5File, entries: LayerWeightsEntry[], name: string, operation: string, where = ''): WeightAssignment[] {
  const fail = (message: string) => fileError(operation, name, `${where}${message}`);
  if (!isGroup(getEntity(file, 'layers')) && !isGroup(getEntity(file, 'vars'))) {
    const hint = 'layer_names' in file.attrs ? ' (it has Keras 2 legacy layout: load it with loadWeights, or as a whole .h5 model with loadModel)' : '';
    throw fail(`is not a Keras 3 weights file: it has no 'layers' group (top-level entries: [${file.keys().join(', ')}])${hint}`);
  }
  const plan: WeightAssignment[] = [];
  const claimed = new Set<string>();
  for (const entry of entries) {
    const groupPath = varsGroupOf(entry.path);
    claimed.add(groupPath);
    const stored = storedNames(file, groupPath);
    const expected = entry.weights;
    if (stored.length !== expected.length) {
      const missing = stored.length === 0 && expected.length > 0 && !isGroup(getEntity(file, groupPath));
      throw fail(
        `${describeLayer(entry)} has ${count(expected.length, 'variable')} [${expected.map((w) => `${w.name} ${formatShape(w.shape)}`).join(', ')}], ` +
          (missing ? `but the file has no group '${groupPath}'` : `but '${groupPath}' holds ${stored.length} [${stored.join(', ')}]`),
      );
    }
    expected.forEach((weight, i) => {
      const path = `${groupPath}/${stored[i]}`;
      if (stored[i] !== String(i)) throw fail(`${describeLayer(entry)}: expected variables named 0..${expected.length - 1} in '${groupPath}', found [${stored.join(', ')}]`);
      const ds = getEntity(file, path);
      if (!isDataset(ds)) throw fail(`'${path}' (${describeLayer(entry)}, weight '${weight.name}') is not a dataset`);
      const fileShape = [...(ds.shape ?? [])];
      if (!sameShape(fileShape, weight.shape)) {
        throw fail(`layer '${entry.layer.name}', weight '${weight.name}' ('${path}'): the file holds shape ${formatShape(fileShape)}, the model expects ${formatShape(weight.shape)}`);
      }
      let data;
      try {
        data = readNumericDataset(ds, storageDType(weight));
      } catch (e) {
        throw fail(`layer '${entry.layer.name}', weight '${weight.name}': ${hdf5Reason(e)}`);
      }
      plan.push({ weight, shape: data.shape, values: data.values });
    });
  }
  const extra = unclaimedGroups(file, claimed);
  if (extra.length > 0) {
    throw fail(`holds variables for [${extra.join(', ')}], which match no layer of the model (layers: [${entries.slice(1).map((e) => e.path).join(', ')}])`);
  }
  return plan;
}
