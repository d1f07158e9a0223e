// Shared helpers for the Keras JSON tests.
import * as tf from '@tensorflow/tfjs';
import { dispose, tensor, type Tensor } from '@neurite/tensor';
import { Input, type Layer } from '@neurite/layers';
import { Sequential, type Model } from '../src/models/index.js';
import { modelFromKerasJSON, modelToKerasJSON, type KerasFlavor } from '../src/saving/config/index.js';
import { rand } from './model-helpers.js';

/** Through a JSON string and back, as a file would carry it. */
export function roundTrip(model: Model, flavor: KerasFlavor = 'keras3'): Model {
  return modelFromKerasJSON(JSON.stringify(modelToKerasJSON(model, { flavor })), { source: `round-trip.${flavor}.json` });
}

/** A one-layer Sequential on an input of `shape` (without the batch axis). */
export function oneLayer(layer: Layer, shape: number[]): Sequential {
  return new Sequential({ layers: [Input({ shape }), layer] });
}

/** A plain JSON copy (undefined keys gone, arrays compared by value). */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function randomTensor(shape: number[], seed: number): Tensor {
  const r = rand(seed);
  return tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, r), shape);
}

/** The largest absolute difference between two models' predictions on the same input. */
export function predictionGap(a: Model, b: Model, x: Tensor): number {
  const ya = a.predict(x) as Tensor;
  const yb = b.predict(x) as Tensor;
  const va = ya.dataSync();
  const vb = yb.dataSync();
  let worst = va.length === vb.length ? 0 : Infinity;
  for (let i = 0; i < va.length; i++) worst = Math.max(worst, Math.abs(va[i] - vb[i]));
  dispose([ya, yb]);
  return worst;
}

/** Copies weights from a Neurite model to a TensorFlow.js one (Keras's order on both sides; TensorFlow.js applies constraints as it writes). */
export function copyToTfjs(ours: Model, theirs: tf.LayersModel): void {
  const values = ours.getWeights();
  for (const layer of theirs.layers) {
    const n = layer.weights.length;
    layer.setWeights(values.splice(0, n).map((w) => tf.tensor(w.dataSync() as Float32Array, [...w.shape])));
  }
}

/**
 * Copies weights from a TensorFlow.js model to a Neurite one, layer by layer (a TensorFlow.js model lists
 * all trainable weights before the non-trainable ones; each layer keeps Keras's order).
 */
export function copyFromTfjs(theirs: tf.LayersModel, ours: Model): void {
  ours.setWeights(theirs.layers.flatMap((l) => l.getWeights()).map((w) => tensor(w.dataSync() as Float32Array, [...w.shape])));
}

/** The largest difference between a Neurite model's and a TensorFlow.js model's predictions. */
export async function tfjsGap(ours: Model, theirs: tf.LayersModel, x: Tensor): Promise<number> {
  const y = ours.predict(x) as Tensor;
  const ty = theirs.predict(tf.tensor(x.dataSync() as Float32Array, [...x.shape])) as tf.Tensor;
  const a = y.dataSync();
  const b = await ty.data();
  let worst = a.length === b.length ? 0 : Infinity;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  y.dispose();
  ty.dispose();
  return worst;
}
