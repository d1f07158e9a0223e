import { NeuriteError } from '@neurite/tensor';
import type { Layer } from '@neurite/layers';
import type { TfjsWeightSpec } from './types.js';

/** The manifest entries and the one buffer of a model's weights, in `model.weights` order. */
export interface EncodedWeights {
  specs: TfjsWeightSpec[];
  data: Uint8Array;
}

/**
 * Every weight named as TensorFlow.js names it (`<layer>/<weight>`: `dense/kernel`,
 * `batch_normalization/moving_mean`), its bytes little-endian, one after another. Two weights with one
 * name (same-named layers in nested models) cannot be told apart on load, so they are refused here.
 */
export async function encodeWeights(model: Layer, operation: string): Promise<EncodedWeights> {
  const specs: TfjsWeightSpec[] = [];
  const parts: Uint8Array[] = [];
  const names = new Set<string>();
  for (const weight of model.weights) {
    if (names.has(weight.path)) {
      throw new NeuriteError(`${operation}: two weights of ${model.name} are named '${weight.path}'; give the layers unique names`);
    }
    names.add(weight.path);
    const values = await weight.variable.data();
    specs.push({ name: weight.path, shape: [...weight.shape], dtype: weight.variable.dtype });
    parts.push(new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice());
  }
  const data = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    data.set(p, offset);
    offset += p.byteLength;
  }
  return { specs, data };
}
