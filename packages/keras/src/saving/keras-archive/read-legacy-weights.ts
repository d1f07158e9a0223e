import type { Layer, LayerWeight } from '@neurite/layers';
import { fileError, formatShape } from '../sources/index.js';
import type { Model } from '../../models/model.js';
import { storageDType, type WeightAssignment } from './assign-weights.js';
import { getEntity, isDataset, isGroup, readNumericDataset, readTextListAttribute } from './h5/h5-read.js';
import { hdf5Reason, type H5Group } from './h5/h5wasm-module.js';

/** Keras 2's order of a layer's weights: trainable ones, then the others (`_legacy_weights`). */
function legacyWeights(layer: Layer): LayerWeight[] {
  return [...layer.trainableWeights, ...layer.nonTrainableWeights];
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Reads a Keras 2 (legacy HDF5) weights group, as Keras 2's `load_model` does: the layers named by the
 * `layer_names` attribute that have weights are paired, in order, with the model's layers that have
 * weights; each layer group lists its datasets in its `weight_names` attribute
 * (`<layer>/<weight>:0`), in the layer's weight order. Everything is read and checked before anything is
 * assigned; errors name the file, the layer, the weight and both shapes.
 */
export function readLegacyWeights(group: H5Group, model: Model, name: string, operation: string): WeightAssignment[] {
  const fail = (message: string) => fileError(operation, name, message);
  let layerNames: string[] | null;
  try {
    layerNames = readTextListAttribute(group, 'layer_names');
  } catch (e) {
    throw fail(hdf5Reason(e));
  }
  if (layerNames === null) throw fail(`'${group.path}' has no 'layer_names' attribute: not a Keras 2 weights group`);

  const stored: { layer: string; weights: string[] }[] = [];
  for (const layerName of layerNames) {
    const layerGroup = getEntity(group, layerName);
    if (!isGroup(layerGroup)) throw fail(`'layer_names' lists '${layerName}', but '${group.path}' has no such group`);
    let weightNames: string[] | null;
    try {
      weightNames = readTextListAttribute(layerGroup, 'weight_names');
    } catch (e) {
      throw fail(hdf5Reason(e));
    }
    if (weightNames && weightNames.length > 0) stored.push({ layer: layerName, weights: weightNames });
  }
  const layers = model.layers.filter((l) => legacyWeights(l).length > 0);
  if (stored.length !== layers.length) {
    throw fail(
      `the file holds weights for ${stored.length} layers [${stored.map((s) => s.layer).join(', ')}], ` +
        `the model has ${layers.length} layers with weights [${layers.map((l) => l.name).join(', ')}]`,
    );
  }

  const plan: WeightAssignment[] = [];
  layers.forEach((layer, k) => {
    const { layer: storedLayer, weights: names } = stored[k];
    const targets = legacyWeights(layer);
    const label = storedLayer === layer.name ? `layer '${layer.name}'` : `layer '${layer.name}' (stored as '${storedLayer}')`;
    if (names.length !== targets.length) {
      throw fail(
        `${label} has ${targets.length} weights [${targets.map((w) => w.name).join(', ')}], the file holds ${names.length} [${names.join(', ')}]`,
      );
    }
    targets.forEach((weight, i) => {
      const ds = getEntity(group, `${storedLayer}/${names[i]}`);
      if (!isDataset(ds)) throw fail(`${label}: weight '${names[i]}' is listed in 'weight_names' but '${group.path}/${storedLayer}/${names[i]}' is not a dataset`);
      const shape = [...(ds.shape ?? [])];
      if (!sameShape(shape, weight.shape)) {
        throw fail(`${label}, weight '${weight.name}' ('${names[i]}'): the file holds shape ${formatShape(shape)}, the model expects ${formatShape(weight.shape)}`);
      }
      try {
        const data = readNumericDataset(ds, storageDType(weight));
        plan.push({ weight, shape: data.shape, values: data.values });
      } catch (e) {
        throw fail(`${label}, weight '${weight.name}': ${hdf5Reason(e)}`);
      }
    });
  });
  return plan;
}
