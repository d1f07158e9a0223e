import { NeuriteError } from '@neurite/tensor';
import type { Model } from '../../models/model.js';
import { messageOf } from '../sources/index.js';
import { writeHdf5 } from './h5/h5-bytes.js';
import type { H5File, H5Group } from './h5/h5wasm-module.js';
import { getEntity, isGroup } from './h5/h5-read.js';
import { OPTIMIZER_VARS, snapshotOptimizer, writeOptimizerVars } from './optimizer-state.js';
import { storageEntries, varsGroupOf } from './storage-paths.js';

interface StoredVariable {
  index: number;
  shape: number[];
  values: Float32Array | Int32Array;
}

interface StoredGroup {
  path: string;
  name: string;
  variables: StoredVariable[];
}

/** Creates `path` and any missing parents. */
function ensureGroup(file: H5File, path: string): H5Group {
  let current: H5Group = file;
  for (const part of path.split('/')) {
    const next = getEntity(current, part);
    current = isGroup(next) ? next : current.create_group(part);
  }
  return current;
}

/** Every variable's value, read before the file is opened (the backend may read asynchronously). */
async function snapshot(model: Model, operation: string, json?: unknown): Promise<StoredGroup[]> {
  const groups: StoredGroup[] = [];
  for (const entry of storageEntries(model, json)) {
    const variables: StoredVariable[] = [];
    for (const [index, weight] of entry.weights.entries()) {
      let data;
      try {
        data = await weight.read().data();
      } catch (e) {
        throw new NeuriteError(`${operation}: the value of layer '${entry.layer.name}', weight '${weight.name}' cannot be read: ${messageOf(e)}`);
      }
      const values = data instanceof Int32Array ? data : data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>);
      variables.push({ index, shape: [...weight.shape], values });
    }
    groups.push({ path: varsGroupOf(entry.path), name: entry.layer.name, variables });
  }
  return groups;
}

/**
 * The bytes of a Keras 3 weights file for `model`: each layer's variables at `<path>/vars/<i>` (float32,
 * uncompressed, as Keras writes them), every layer's `vars` group with its `name` attribute (Keras 3.10
 * writes it), empty groups for layers without variables. With `withOptimizer` (a whole-model save) and a
 * model compiled with a Neurite optimizer, the optimizer's state too, at `optimizer/vars/<i>`.
 */
export async function keras3WeightsBytes(model: Model, operation: string, json?: unknown, withOptimizer = false): Promise<Uint8Array> {
  const groups = await snapshot(model, operation, json);
  const optimizer = withOptimizer ? await snapshotOptimizer(model, operation) : null;
  return writeHdf5(operation, (file) => {
    for (const { path, name, variables } of groups) {
      const group = ensureGroup(file, path);
      group.create_attribute('name', name);
      for (const { index, shape, values } of variables) {
        group.create_dataset({ name: String(index), data: values, shape, dtype: values instanceof Int32Array ? '<i' : '<f' });
      }
    }
    if (optimizer) writeOptimizerVars(ensureGroup(file, OPTIMIZER_VARS), optimizer);
  });
}
