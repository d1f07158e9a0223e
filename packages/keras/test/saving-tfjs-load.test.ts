import '@neurite/backend-cpu';
import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispose, memory, tensor } from '@neurite/tensor';
import type { Model } from '../src/index.js';
import { loadTfjsModel } from '../src/saving/tfjs/index.js';
import { maxDifference, TOLERANCE, tfArtifacts, toFiles, values, writeFiles, type TfjsFiles } from './saving-tfjs-helpers.js';

// Models built and saved by TensorFlow.js 4.22 load in Neurite and predict the same numbers (within 1e-5).

function randomizeWeights(model: tf.LayersModel, seed: number): void {
  // Non-trivial values everywhere (BatchNormalization's moving variance must stay positive).
  model.setWeights(
    model.weights.map((w, i) => {
      const v = values(w.shape.reduce((a: number, b) => a * (b as number), 1), seed + i);
      if (w.originalName.endsWith('moving_variance')) for (let j = 0; j < v.length; j++) v[j] = Math.abs(v[j]) + 0.5;
      return tf.tensor(v, w.shape as number[]);
    }),
  );
}

async function outputsOf(theirs: tf.LayersModel, inputs: number[][], seed: number): Promise<{ xs: Float32Array[]; ys: Float32Array[] }> {
  const xs = inputs.map((shape, i) => values(shape.reduce((a, b) => a * b, 1), seed + i));
  const tx = xs.map((x, i) => tf.tensor(x, inputs[i]));
  const out = theirs.predict(tx.length === 1 ? tx[0] : tx) as tf.Tensor | tf.Tensor[];
  const list = Array.isArray(out) ? out : [out];
  const ys = await Promise.all(list.map(async (t) => new Float32Array(await t.data())));
  tf.dispose([...tx, ...list]);
  return { xs, ys };
}

/** Worst difference between tfjs's and Neurite's predictions on the same inputs. */
async function agreement(theirs: tf.LayersModel, ours: Model, inputs: number[][], seed = 5): Promise<number> {
  const { xs, ys } = await outputsOf(theirs, inputs, seed);
  const x = xs.map((v, i) => tensor(v, inputs[i]));
  const out = ours.predict(x.length === 1 ? x[0] : x);
  const list = Array.isArray(out) ? out : [out];
  expect(list.length).toBe(ys.length);
  const worst = Math.max(...list.map((t, i) => maxDifference(t.dataSync(), ys[i])));
  dispose([...x, ...list]);
  return worst;
}

function tfMlp(): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 16, inputShape: [10], activation: 'relu' }));
  m.add(tf.layers.dropout({ rate: 0.5 }));
  m.add(tf.layers.dense({ units: 8, activation: 'tanh', kernelRegularizer: tf.regularizers.l2({ l2: 1e-4 }) }));
  m.add(tf.layers.dropout({ rate: 0.2 }));
  m.add(tf.layers.dense({ units: 4, activation: 'softmax' }));
  m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

function tfCnn(): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.conv2d({ filters: 4, kernelSize: 3, inputShape: [9, 9, 2], activation: 'relu', padding: 'same' }));
  m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  m.add(tf.layers.conv2d({ filters: 3, kernelSize: 2, strides: 2, activation: 'relu' }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.dense({ units: 5, activation: 'softmax' }));
  return m;
}

function tfBatchNorm(): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 6, inputShape: [5] }));
  m.add(tf.layers.batchNormalization({ epsilon: 1e-3 }));
  m.add(tf.layers.activation({ activation: 'relu' }));
  m.add(tf.layers.dense({ units: 2 }));
  return m;
}

let dir: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'neurite-tfjs-load-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadTfjsModel: models saved by TensorFlow.js', () => {
  it('an MLP with Dense and Dropout (compiled in tfjs), from memory', async () => {
    const theirs = tfMlp();
    randomizeWeights(theirs, 1);
    const files = toFiles(await tfArtifacts(theirs));
    expect(files.modelJson.weightsManifest[0].weights[0].name).toMatch(/^dense_Dense\d+\/kernel$/);
    const ours = await loadTfjsModel({ modelJson: JSON.stringify(files.modelJson), weights: files.shards });
    expect(ours.layers.map((l) => l.className)).toEqual(['Dense', 'Dropout', 'Dense', 'Dropout', 'Dense']);
    const diff = await agreement(theirs, ours, [[7, 10]]);
    console.log(`tfjs MLP -> Neurite: max |difference| ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(TOLERANCE);
    ours.dispose();
    theirs.dispose();
  });

  it('a CNN with Conv2D, MaxPooling2D, Flatten and Dense, from a directory split into shards', async () => {
    const theirs = tfCnn();
    randomizeWeights(theirs, 20);
    const files = toFiles(await tfArtifacts(theirs), 256);
    expect(Object.keys(files.shards).length).toBeGreaterThan(1);
    const path = await writeFiles(join(dir, 'cnn'), files);
    const ours = await loadTfjsModel(path);
    const diff = await agreement(theirs, ours, [[3, 9, 9, 2]]);
    console.log(`tfjs CNN -> Neurite: max |difference| ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(TOLERANCE);
    ours.dispose();
    theirs.dispose();
  });

  it('BatchNormalization with its moving statistics', async () => {
    const theirs = tfBatchNorm();
    randomizeWeights(theirs, 40);
    const files = toFiles(await tfArtifacts(theirs));
    // tfjs lists trainable weights first: the moving statistics come after the second Dense's.
    const names = files.modelJson.weightsManifest[0].weights.map((w) => w.name.split('/')[1]);
    expect(names).toEqual(['kernel', 'bias', 'gamma', 'beta', 'kernel', 'bias', 'moving_mean', 'moving_variance']);
    const ours = await loadTfjsModel({ modelJson: files.modelJson, weights: files.shards });
    const diff = await agreement(theirs, ours, [[6, 5]]);
    console.log(`tfjs BatchNormalization -> Neurite: max |difference| ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(TOLERANCE);
    ours.dispose();
    theirs.dispose();
  });

  it('a functional model with one input and two outputs', async () => {
    const input = tf.input({ shape: [6], name: 'features' });
    const shared = tf.layers.dense({ units: 8, activation: 'relu', name: 'shared' }).apply(input) as tf.SymbolicTensor;
    const score = tf.layers.dense({ units: 1, name: 'score' }).apply(shared) as tf.SymbolicTensor;
    const kind = tf.layers.dense({ units: 3, activation: 'softmax', name: 'kind' }).apply(shared) as tf.SymbolicTensor;
    const theirs = tf.model({ inputs: input, outputs: [score, kind] });
    randomizeWeights(theirs, 60);
    const files = toFiles(await tfArtifacts(theirs));
    const ours = await loadTfjsModel({ modelJson: files.modelJson, weights: files.shards });
    expect(ours.outputNames).toEqual(['score', 'kind']);
    const diff = await agreement(theirs, ours, [[4, 6]]);
    console.log(`tfjs functional (1 input, 2 outputs) -> Neurite: max |difference| ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(TOLERANCE);
    ours.dispose();
    theirs.dispose();
  });

  it('a functional model with two inputs merged by Add', async () => {
    const a = tf.input({ shape: [4], name: 'a' });
    const b = tf.input({ shape: [3], name: 'b' });
    const da = tf.layers.dense({ units: 5, name: 'da' }).apply(a) as tf.SymbolicTensor;
    const db = tf.layers.dense({ units: 5, name: 'db' }).apply(b) as tf.SymbolicTensor;
    const sum = tf.layers.add({ name: 'sum' }).apply([da, db]) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 2, activation: 'sigmoid', name: 'out' }).apply(sum) as tf.SymbolicTensor;
    const theirs = tf.model({ inputs: [a, b], outputs: out });
    randomizeWeights(theirs, 80);
    const files = toFiles(await tfArtifacts(theirs));
    const ours = await loadTfjsModel({ modelJson: files.modelJson, weights: files.shards });
    expect(ours.inputNames).toEqual(['a', 'b']);
    const diff = await agreement(theirs, ours, [[3, 4], [3, 3]]);
    console.log(`tfjs functional (2 inputs, Add) -> Neurite: max |difference| ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(TOLERANCE);
    ours.dispose();
    theirs.dispose();
  });

  it('over HTTP: model.json from a URL, the shards relative to it', async () => {
    const theirs = tfMlp();
    randomizeWeights(theirs, 100);
    const files = toFiles(await tfArtifacts(theirs), 300);
    await writeFiles(join(dir, 'served', 'models', 'mlp'), files);
    const requested: string[] = [];
    const server: Server = createServer((req, res) => {
      requested.push(req.url ?? '');
      readFile(join(dir, 'served', decodeURIComponent(req.url ?? '/')))
        .then((bytes) => res.end(bytes))
        .catch(() => {
          res.statusCode = 404;
          res.end();
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const url = `http://127.0.0.1:${port}/models/mlp/model.json`;
      const ours = await loadTfjsModel(url);
      expect(requested[0]).toBe('/models/mlp/model.json');
      expect(requested.slice(1)).toEqual(Object.keys(files.shards).map((s) => `/models/mlp/${s}`));
      expect(await agreement(theirs, ours, [[2, 10]])).toBeLessThan(TOLERANCE);
      ours.dispose();
      await expect(loadTfjsModel(`http://127.0.0.1:${port}/models/none/model.json`)).rejects.toThrow(/^loadTfjsModel: 'http:.*\/none\/model\.json': cannot be fetched: HTTP 404/);
    } finally {
      server.close();
      theirs.dispose();
    }
  });
});

describe('loadTfjsModel: errors name the file, and nothing is left half built', () => {
  let mlp: TfjsFiles;
  beforeAll(async () => {
    const theirs = tfMlp();
    mlp = toFiles(await tfArtifacts(theirs));
    theirs.dispose();
  });

  it('an unknown layer class', async () => {
    const m = tf.sequential();
    m.add(tf.layers.dense({ units: 3, inputShape: [4] }));
    m.add(tf.layers.thresholdedReLU({ theta: 0.5 }));
    const files = toFiles(await tfArtifacts(m));
    m.dispose();
    const path = await writeFiles(join(dir, 'unknown'), files);
    await expect(loadTfjsModel(path)).rejects.toThrow(/^loadTfjsModel: .*unknown[\\/]model\.json.*'ThresholdedReLU'.*customObjects/s);
  });

  it('a weight whose shape does not match the topology frees the model it built', async () => {
    const wrong = JSON.parse(JSON.stringify(mlp.modelJson)) as TfjsFiles['modelJson'];
    const topology = wrong.modelTopology as { config: { layers: { config: { units?: number } }[] } };
    topology.config.layers[4].config.units = 3; // the file's last kernel is [8, 4]
    const before = memory().numTensors;
    await expect(loadTfjsModel({ modelJson: wrong, weights: mlp.shards, fileName: 'mlp/model.json' })).rejects.toThrow(
      /^loadTfjsModel: 'mlp\/model\.json': layer 'dense_Dense\d+', weight 'kernel': the file holds shape \[8, 4\] \(as 'dense_Dense\d+\/kernel'\), the model expects \[8, 3\]/,
    );
    expect(memory().numTensors).toBe(before);
  });

  it('a missing or truncated shard, and a corrupt model.json', async () => {
    await expect(loadTfjsModel({ modelJson: mlp.modelJson, weights: {} })).rejects.toThrow(/'model\.json': weight shard 'group1-shard1of1\.bin' is missing/);
    const cut = { 'group1-shard1of1.bin': mlp.shards['group1-shard1of1.bin'].subarray(0, 100) };
    await expect(loadTfjsModel({ modelJson: mlp.modelJson, weights: cut })).rejects.toThrow(/'model\.json': the weight shards of group 1 hold 100 bytes .* a shard is truncated or missing/);
    await expect(loadTfjsModel({ modelJson: '{"modelTopology": ', weights: {} })).rejects.toThrow(/^loadTfjsModel: 'model\.json': is not valid JSON/);
    const noTopology = { ...mlp.modelJson, modelTopology: { class_name: 'Sequential' } };
    await expect(loadTfjsModel({ modelJson: noTopology as never, weights: mlp.shards })).rejects.toThrow(/'model\.json': modelTopology must hold a model's \{ class_name, config \}/);
  });

  it('reads modelTopology wrapped as { model_config } (the Keras 2 converter)', async () => {
    const wrapped = { ...mlp.modelJson, modelTopology: { keras_version: '2.13.1', backend: 'tensorflow', model_config: mlp.modelJson.modelTopology } };
    const ours = await loadTfjsModel({ modelJson: wrapped as never, weights: mlp.shards });
    expect(ours.layers.length).toBe(5);
    ours.dispose();
  });
});
