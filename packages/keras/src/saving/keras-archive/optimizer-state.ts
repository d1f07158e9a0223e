import { NeuriteError, type Variable } from '@neurite/tensor';
import type { Model } from '../../models/model.js';
import { Optimizer } from '../../optimizers/base-optimizer.js';
import type { SavedStateValue } from '../../optimizers/state.js';
import { messageOf } from '../sources/index.js';
import { childNames, getEntity, isDataset, isGroup, readNumericDataset } from './h5/h5-read.js';
import { hdf5Reason, type H5Dataset, type H5File, type H5Group } from './h5/h5wasm-module.js';

// The optimizer's state in model.weights.h5, as Keras 3 stores it: `optimizer/vars/<i>` holds
// `optimizer.variables[i]` (iterations as int64, learning_rate and the slots as float32), and the `vars`
// group carries the optimizer's name as its `name` attribute (Keras 3.10 writes it).

/** Where Keras 3 keeps the optimizer's variables. */
export const OPTIMIZER_VARS = 'optimizer/vars';

/** The optimizer's state, read out before the HDF5 file is opened (a backend may read asynchronously). */
export interface OptimizerSnapshot {
  name: string;
  values: { shape: number[]; data: Float32Array | BigInt64Array }[];
}

/** The state read from a file: the values to restore, or why they cannot be (the model loads anyway). */
export type SavedOptimizerState = { values: SavedStateValue[] } | { problem: string };

/** The variables whose state an optimizer keeps: the model's trainable weights, in Keras's order. */
function stateOwners(model: Model): Variable[] {
  return model.trainableWeights.map((w) => w.variable);
}

/**
 * The state of the model's optimizer, or null when the model is not compiled with a Neurite optimizer.
 * The optimizer is written built, as Keras writes one that has trained: before its first step that means
 * iterations 0 and every slot at its initial value (created now, exactly as the first step would), so
 * Keras loads the file without its "Skipping variable loading for optimizer" warning.
 */
export async function snapshotOptimizer(model: Model, operation: string): Promise<OptimizerSnapshot | null> {
  const optimizer = model.compiled?.optimizer;
  if (!(optimizer instanceof Optimizer)) return null;
  const values: OptimizerSnapshot['values'] = [];
  for (const entry of optimizer.stateVariables(stateOwners(model))) {
    const shape = [...entry.shape];
    if (typeof entry.value === 'number') {
      values.push({ shape, data: entry.dtype === 'int64' ? BigInt64Array.of(BigInt(entry.value)) : Float32Array.of(entry.value) });
      continue;
    }
    let data;
    try {
      data = await entry.value.data();
    } catch (e) {
      throw new NeuriteError(`${operation}: the optimizer's variable '${entry.name}' cannot be read: ${messageOf(e)}`);
    }
    values.push({ shape, data: data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>) });
  }
  return { name: optimizer.name, values };
}

/** Writes a snapshot at `optimizer/vars/<i>` into `group` (the file's `optimizer/vars`, just created). */
export function writeOptimizerVars(group: H5Group, snapshot: OptimizerSnapshot): void {
  group.create_attribute('name', snapshot.name);
  snapshot.values.forEach(({ shape, data }, i) => {
    group.create_dataset({ name: String(i), data, shape, dtype: data instanceof BigInt64Array ? '<q' : '<f' });
  });
}

/** An integer dataset's values as numbers (h5wasm gives int64 as bigint / BigInt64Array). */
function integers(ds: H5Dataset): number[] {
  const raw = ds.value as unknown;
  if (typeof raw === 'number' || typeof raw === 'bigint') return [Number(raw)];
  if (ArrayBuffer.isView(raw) || Array.isArray(raw)) return Array.from(raw as ArrayLike<number | bigint>, Number);
  throw new Error(`dataset '${ds.path}' could not be read as numbers`);
}

/**
 * The optimizer's state stored in a Keras 3 weights file, or null when it has none. A group that is
 * present but unreadable (not numbered 0..n-1, a non-numeric dataset) gives a problem, not an error:
 * the model itself is fine and loads with a fresh optimizer.
 */
export function readOptimizerVars(file: H5File): SavedOptimizerState | null {
  const group = getEntity(file, OPTIMIZER_VARS);
  if (!isGroup(group)) return null;
  const names = childNames(group);
  if (names.some((n, i) => n !== String(i))) {
    return { problem: `'${OPTIMIZER_VARS}' holds [${names.join(', ')}], not variables numbered 0..${names.length - 1}` };
  }
  const values: SavedStateValue[] = [];
  for (const n of names) {
    const path = `${OPTIMIZER_VARS}/${n}`;
    const ds = getEntity(file, path);
    if (!isDataset(ds)) return { problem: `'${path}' is not a dataset` };
    const meta = ds.metadata;
    // HDF5's type class: 0 integer, 1 float.
    if (meta.type !== 0 && meta.type !== 1) return { problem: `'${path}' does not hold numbers (HDF5 type class ${meta.type})` };
    try {
      const shape = [...(meta.shape ?? [])];
      if (meta.type === 0) values.push({ shape, values: integers(ds), kind: 'int' });
      else values.push({ shape, values: readNumericDataset(ds, 'float32').values, kind: 'float' });
    } catch (e) {
      return { problem: `'${path}' cannot be read: ${hdf5Reason(e)}` };
    }
  }
  return { values };
}

/**
 * Restores the saved state into the optimizer the model was just compiled with (see `Optimizer.loadState`).
 * When it does not fit (another optimizer, amsgrad on one side only, other shapes) it is skipped with a
 * warning saying why, as Keras does, and the model keeps a fresh optimizer.
 */
export function restoreOptimizer(model: Model, saved: SavedOptimizerState, name: string, operation: string): void {
  const optimizer = model.compiled?.optimizer;
  if (!(optimizer instanceof Optimizer)) return;
  let reason: string | null = null;
  if ('problem' in saved) reason = saved.problem;
  else {
    try {
      optimizer.loadState(stateOwners(model), saved.values);
    } catch (e) {
      if (!(e instanceof NeuriteError)) throw e;
      reason = e.message;
    }
  }
  if (reason !== null) {
    console.warn(
      `${operation}: ${name}: skipping variable loading for optimizer '${optimizer.name}': ${reason}. ` +
        'The model is loaded; its optimizer starts afresh (iterations 0, no moments).',
    );
  }
}
