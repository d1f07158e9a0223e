import '@neurite/backend-cpu';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '@neurite/tensor';
import { Input } from '@neurite/layers';
import { Model, layers, loadModel, loadTfjsModel, modelFromKerasJSON, modelToKerasJSON, saveTfjsModel } from '../src/index.js';
import { matrix } from './model-helpers.js';
import { tfLoad } from './saving-tfjs-helpers.js';

// A functional model with two inputs merged by Concatenate and one merge by Add: it trains, saves in
// Keras 3 (.keras) and TensorFlow.js formats, and agrees with the same graph built in TensorFlow.js 4.22.

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** a[5], b[3] -> dense(a), dense(b) -> concat[8] -> dense[4] + dense(a)[4] -> dense[2]. */
function build(): Model {
  const a = Input({ shape: [5], name: 'in_a' });
  const b = Input({ shape: [3], name: 'in_b' });
  const ha = layers.dense({ units: 4, activation: 'tanh', name: 'ha' }).apply(a);
  const hb = layers.dense({ units: 4, activation: 'tanh', name: 'hb' }).apply(b);
  const joined = layers.concatenate({ axis: -1, name: 'joined' }).apply([ha, hb]);
  const mixed = layers.dense({ units: 4, activation: 'relu', name: 'mixed' }).apply(joined as typeof ha);
  const skip = layers.dense({ units: 4, name: 'skip' }).apply(a);
  const sum = layers.add({ name: 'sum' }).apply([mixed, skip]);
  const out = layers.dense({ units: 2, name: 'out' }).apply(sum as typeof ha);
  return new Model({ inputs: [a, b], outputs: out });
}

const xa = () => tensor(matrix(24, 5, 1));
const xb = () => tensor(matrix(24, 3, 2));
const target = () => tensor(matrix(24, 5, 1).map((r, i) => [r[0] * r[1] + matrix(24, 3, 2)[i][2], Math.sin(r[3])]));

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

describe('merge layers in a functional model', () => {
  it('symbolic shapes and the layer namespace', () => {
    const m = build();
    expect(m.layers.map((l) => l.className)).toContain('Concatenate');
    expect(m.layers.find((l) => l.name === 'joined')).toBeInstanceOf(layers.Concatenate);
    expect(m.layers.find((l) => l.name === 'sum')).toBeInstanceOf(layers.Add);
    expect((m.predict([xa(), xb()]) as Tensor).shape).toEqual([24, 2]);
    for (const f of [layers.subtract, layers.multiply, layers.average, layers.maximum, layers.minimum]) {
      expect((f().apply([tensor([[1, 2]]), tensor([[3, 1]])]) as Tensor).shape).toEqual([1, 2]);
    }
  });

  it('trains with fit (the loss falls), then round trips through .keras bytes with identical predictions', async () => {
    const m = build();
    m.compile({ optimizer: 'adam', loss: 'mse' });
    const h = await m.fit([xa(), xb()], target(), { epochs: 30, batchSize: 8, shuffle: false, verbose: 0 });
    const loss = h.history.loss as number[];
    expect(loss[loss.length - 1]).toBeLessThan(loss[0] * 0.7);

    const bytes = await m.save();
    expect(bytes).toBeInstanceOf(Uint8Array);
    const back = await loadModel(bytes);
    expect(back.layers.map((l) => [l.name, l.className])).toEqual(m.layers.map((l) => [l.name, l.className]));
    expect((back.layers.find((l) => l.name === 'joined') as InstanceType<typeof layers.Concatenate>).axis).toBe(-1);
    const p0 = (m.predict([xa(), xb()]) as Tensor).dataSync();
    const p1 = (back.predict([xa(), xb()]) as Tensor).dataSync();
    expect(Array.from(p1)).toEqual(Array.from(p0));
  });

  it('Keras 3 JSON: merges write their keys and read back', () => {
    const m = build();
    const json = modelToKerasJSON(m) as unknown as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
    const concat = json.config.layers.find((l) => l.class_name === 'Concatenate');
    const add = json.config.layers.find((l) => l.class_name === 'Add');
    expect(concat?.config.axis).toBe(-1);
    expect(Object.keys(add?.config ?? {}).sort()).toEqual(['dtype', 'name', 'trainable']);
    const back = modelFromKerasJSON(JSON.parse(JSON.stringify(json)));
    back.setWeights(m.getWeights());
    expect(maxDiff((back.predict([xa(), xb()]) as Tensor).dataSync(), (m.predict([xa(), xb()]) as Tensor).dataSync())).toBe(0);
  });

  it('TensorFlow.js JSON: saves, loads in Neurite and in TensorFlow.js with the same predictions', async () => {
    const m = build();
    const artifacts = await saveTfjsModel(m);
    const expected = (m.predict([xa(), xb()]) as Tensor).dataSync();
    const back = await loadTfjsModel({ modelJson: artifacts.modelJson, weights: artifacts.weightData });
    expect(maxDiff((back.predict([xa(), xb()]) as Tensor).dataSync(), expected)).toBe(0);
    const theirs = await tfLoad(artifacts);
    const ty = theirs.predict([tf.tensor2d(matrix(24, 5, 1)), tf.tensor2d(matrix(24, 3, 2))]) as tf.Tensor;
    expect(maxDiff(await ty.data(), expected)).toBeLessThan(1e-5);
  });

  it('agrees with the same graph built in TensorFlow.js 4.22 (weights copied layer by layer)', async () => {
    const m = build();
    const a = tf.input({ shape: [5] });
    const b = tf.input({ shape: [3] });
    const ha = tf.layers.dense({ units: 4, activation: 'tanh', name: 'ha' }).apply(a) as tf.SymbolicTensor;
    const hb = tf.layers.dense({ units: 4, activation: 'tanh', name: 'hb' }).apply(b) as tf.SymbolicTensor;
    const joined = tf.layers.concatenate({ axis: -1 }).apply([ha, hb]) as tf.SymbolicTensor;
    const mixed = tf.layers.dense({ units: 4, activation: 'relu', name: 'mixed' }).apply(joined) as tf.SymbolicTensor;
    const skip = tf.layers.dense({ units: 4, name: 'skip' }).apply(a) as tf.SymbolicTensor;
    const sum = tf.layers.add().apply([mixed, skip]) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 2, name: 'out' }).apply(sum) as tf.SymbolicTensor;
    const theirs = tf.model({ inputs: [a, b], outputs: out });
    for (const name of ['ha', 'hb', 'mixed', 'skip', 'out']) {
      const ours = m.layers.find((l) => l.name === name);
      theirs.getLayer(name).setWeights((ours?.getWeights() ?? []).map((w) => tf.tensor(w.dataSync() as Float32Array, [...w.shape])));
    }
    const ty = theirs.predict([tf.tensor2d(matrix(24, 5, 1)), tf.tensor2d(matrix(24, 3, 2))]) as tf.Tensor;
    const ny = m.predict([xa(), xb()]) as Tensor;
    expect(maxDiff(ny.dataSync(), await ty.data())).toBeLessThan(1e-5);
  });
});
