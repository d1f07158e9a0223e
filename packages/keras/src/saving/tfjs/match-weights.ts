import type { LayerWeight } from '@neurite/layers';
import type { DecodedWeight } from './decode-weights.js';
import { type FileRef, fileError, formatShape } from './errors.js';

/** A stored weight paired with the model weight it fills. */
export interface WeightMatch {
  target: LayerWeight;
  value: DecodedWeight;
}

/** `dense/kernel:0` → `dense/kernel` (Keras 2 converters sometimes keep TensorFlow's output index). */
function normalize(name: string): string {
  return name.replace(/:\d+$/, '');
}

/**
 * The keys a stored name may match, best first, as TensorFlow.js resolves them: the whole name; the last
 * two parts (`<layer>/<weight>`: a scope such as an enclosing model's name dropped); and the name without
 * its second-to-last part (TF 2.2+ writes RNN weights as `<layer>/<cell>/<weight>`).
 */
function candidates(name: string): string[] {
  const parts = normalize(name).split('/');
  const keys = [parts.join('/')];
  if (parts.length > 2) {
    keys.push(parts.slice(-2).join('/'));
    keys.push([...parts.slice(0, -2), parts[parts.length - 1]].join('/'));
  }
  return [...new Set(keys)];
}

function layerOf(weight: LayerWeight): string {
  const i = weight.path.lastIndexOf('/');
  return i < 0 ? weight.path : weight.path.slice(0, i);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Pairs every stored weight with a model weight by layer name and weight name, and checks that every model
 * weight is filled exactly once and that every shape agrees. Nothing is assigned here.
 */
export function matchWeights(modelWeights: LayerWeight[], stored: DecodedWeight[], ref: FileRef): WeightMatch[] {
  const byPath = new Map<string, LayerWeight[]>();
  for (const w of modelWeights) byPath.set(w.path, [...(byPath.get(w.path) ?? []), w]);
  const filled = new Map<LayerWeight, string>();
  const matches: WeightMatch[] = [];
  for (const value of stored) {
    const key = candidates(value.name).find((k) => byPath.has(k));
    if (key === undefined) {
      const known = modelWeights.map((w) => w.path);
      const shown = known.length > 12 ? `${known.slice(0, 12).join(', ')}, … (${known.length} in all)` : known.join(', ');
      throw fileError(ref, `weight '${value.name}' ${formatShape(value.shape)} matches no weight of the model (model weights: [${shown}])`);
    }
    const targets = byPath.get(key) as LayerWeight[];
    if (targets.length > 1) {
      throw fileError(ref, `weight '${value.name}' matches ${targets.length} model weights named '${key}': layer names must be unique to load by name`);
    }
    const target = targets[0];
    const previous = filled.get(target);
    if (previous !== undefined) {
      throw fileError(ref, `weights '${previous}' and '${value.name}' both match the model's weight '${target.path}'`);
    }
    if (!sameShape(target.shape, value.shape)) {
      throw fileError(ref,
        `layer '${layerOf(target)}', weight '${target.name}': the file holds shape ${formatShape(value.shape)} (as '${value.name}'), the model expects ${formatShape(target.shape)}`,
      );
    }
    filled.set(target, value.name);
    matches.push({ target, value });
  }
  const missing = modelWeights.filter((w) => !filled.has(w));
  if (missing.length > 0) {
    const list = missing.map((w) => `layer '${layerOf(w)}' weight '${w.name}' ${formatShape(w.shape)}`).join('; ');
    throw fileError(ref, `${missing.length} of the model's ${modelWeights.length} weights are not in the file: ${list}`);
  }
  return matches;
}
