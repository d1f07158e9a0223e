import { toSnakeCase, type Layer, type LayerWeight } from '@neurite/layers';
import { Model } from '../../models/model.js';
import type { LayerWeightsEntry } from '../contract.js';

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The layer configs a model's Keras JSON lists (`config.layers`), or [] when it has none. */
function configLayers(json: unknown): Record<string, unknown>[] {
  const config = isRecord(json) && isRecord(json.config) ? json.config : null;
  return config && Array.isArray(config.layers) ? config.layers.filter(isRecord) : [];
}

function configName(entry: Record<string, unknown>): string | null {
  if (isRecord(entry.config) && typeof entry.config.name === 'string') return entry.config.name;
  return typeof entry.name === 'string' ? entry.name : null;
}

/**
 * The model's layers in Keras's order. Keras numbers the storage groups in its own layer order, which is
 * the order config.json lists them in; when the config is known (loading a file) that order is used, so
 * a branching graph maps to the same groups even where Neurite would order its layers differently.
 */
function orderedLayers(model: Model, json: unknown): { layer: Layer; json: unknown }[] {
  const layers = model.layers;
  const listed = configLayers(json);
  const byName = new Map<string, Record<string, unknown>>();
  listed.forEach((entry) => {
    const name = configName(entry);
    if (name !== null) byName.set(name, entry);
  });
  const index = new Map(listed.map((entry, i) => [configName(entry), i]));
  const known = layers.every((l) => index.has(l.name));
  const ordered = known ? [...layers].sort((a, b) => (index.get(a.name) as number) - (index.get(b.name) as number)) : layers;
  return ordered.map((layer) => ({ layer, json: byName.get(layer.name) }));
}

/**
 * A layer's own variables in Keras's order: trainable ones, then non-trainable ones, each in creation order
 * (Keras keeps two lists). A frozen layer keeps its creation order.
 */
export function ownVariables(layer: Layer): LayerWeight[] {
  if (layer instanceof Model) return [];
  const weights = layer.ownWeights;
  if (!layer.trainable) return weights;
  return [...weights.filter((w) => w.trainable), ...weights.filter((w) => !w.trainable)];
}

/**
 * Where Keras 3 stores each layer's variables in model.weights.h5, as its saving code walks a model: the
 * model's own variables at `vars`, then each layer of `model.layers` at `layers/<class>` (the class name
 * in snake_case, with `_1`, `_2`, … for further layers of the same class, counted in layer order; not
 * the layer's name), nested models recursing into `<path>/layers/...`. A layer reached twice (shared with
 * a nested model) is stored once, at its first path. Every layer gets an entry, weights or not (Keras
 * writes an empty `vars` group for each). `json` is the model's Keras JSON when known, for the order.
 */
export function storageEntries(model: Model, json?: unknown): LayerWeightsEntry[] {
  const entries: LayerWeightsEntry[] = [{ path: '', layer: model, weights: [] }];
  const visited = new Set<Layer>([model]);
  const walk = (container: Model, containerJson: unknown, prefix: string): void => {
    const used = new Map<string, number>();
    for (const { layer, json: layerJson } of orderedLayers(container, containerJson)) {
      const base = toSnakeCase(layer.className);
      const count = used.get(base);
      used.set(base, count === undefined ? 0 : count + 1);
      const path = `${prefix}layers/${count === undefined ? base : `${base}_${count + 1}`}`;
      if (visited.has(layer)) continue;
      visited.add(layer);
      entries.push({ path, layer, weights: ownVariables(layer) });
      if (layer instanceof Model) walk(layer, layerJson, `${path}/`);
      else held(layer, path);
    }
  };
  // A layer's held layers (an RNN's cell, a wrapper's layers) at `<path>/<attribute>`, as Keras 3 walks them.
  const held = (layer: Layer, path: string): void => {
    for (const { key, layer: inner } of layer.sublayers) {
      const innerPath = `${path}/${key}`;
      entries.push({ path: innerPath, layer: inner, weights: ownVariables(inner) });
      held(inner, innerPath);
    }
  };
  walk(model, json, '');
  return entries;
}

/** The HDF5 group holding an entry's variables: `vars` for the model itself, `<path>/vars` otherwise. */
export function varsGroupOf(path: string): string {
  return path === '' ? 'vars' : `${path}/vars`;
}
