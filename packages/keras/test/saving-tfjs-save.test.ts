import '@neurite/backend-cpu';
import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispose, tensor, type Tensor } from '@neurite/tensor';
import { resetNameCounters } from '@neurite/layers';
import { Input, Model, layers, regularizers, sequential } from '../src/index.js';
import { loadTfjsModel, saveTfjsModel } from '../src/saving/tfjs/index.js';
import { maxDifference, TOLERANCE, tfLoad, values } from './saving-tfjs-helpers.js';

// Neurite models saved in the TensorFlow.js format load in TensorFlow.js 4.22 (through its own model.json
// reader) and predict the same numbers within 1e-5; files are written atomically.

/** Non-trivial weights everywhere (moving variances kept positive). */
function randomize(model: Model, seed: number): void {
  model.setWeights(
    model.weights.map((w, i) => {
      const v = values(w.shape.reduce((a, b) => a * b, 1), seed + i);
      if (w.name === 'moving_variance') for (let j = 0; j < v.length; j++) v[j] = Math.abs(v[j]) + 0.5;
      return tensor(v, [...w.shape]);
    }),
  );
}

async function agreement(ours: Model, theirs: tf.LayersModel, inputs: number[][], seed = 9): Promise<number> {
  const xs = inputs.map((shape, i) => values(shape.reduce((a, b) => a * b, 1), seed + i));
  const x = xs.map((v, i) => tensor(v, inputs[i]));
  const out = ours.predict(x.length === 1 ? x[0] : x);
  const ys = Array.isArray(out) ? out : [out];
  const tx = xs.map((v, i) => tf.tensor(v, inputs[i]));
  const tout = theirs.predict(tx.length === 1 ? tx[0] : tx) as tf.Tensor | tf.Tensor[];
  const tys = Array.isArray(tout) ? tout : [tout];
  expect(tys.length).toBe(ys.length);
  let worst = 0;
  for (let i = 0; i < ys.length; i++) worst = Math.max(worst, maxDifference(ys[i].dataSync(), await tys[i].data()));
  dispose([...x, ...ys] as Tensor[]);
  tf.dispose([...tx, ...tys]);
  return worst;
}

function mlp(): Model {
  return sequential({
    layers: [
      layers.dense({ units: 16, inputShape: [10], activation: 'relu', kernelRegularizer: regularizers.l2({ l2: 1e-4 }) }),
      layers.dropout({ rate: 0.5, seed: 1 }),
      layers.dense({ units: 4, activation: 'softmax' }),
    ],
  });
}

let dir: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'neurite-tfjs-save-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('saveTfjsModel: Neurite models load in TensorFlow.js', () => {
  it('an MLP with Dense and Dropout, weights named as tfjs names them', async () => {
    resetNameCounters();
    const ours = mlp();
    randomize(ours, 1);
    const saved = await saveTfjsModel(ours);
    expect(saved.modelJson.format).toBe('layers-model');
    expect(saved.modelJson.weightsManifest).toEqual([
      {
        paths: ['group1-shard1of1.bin'],
        weights: [
          { name: 'dense/kernel', shape: [10, 16], dtype: 'float32' },
          { name: 'dense/bias', shape: [16], dtype: 'float32' },
          { name: 'dense_1/kernel', shape: [16, 4], dtype: 'float32' },
          { name: 'dense_1/bias', shape: [4], dtype: 'float32' },
        ],
      },
    ]);
    expect(saved.weightData.byteLength).toBe((10 * 16 + 16 + 16 * 4 + 4) * 4);
    const theirs = await tfLoad(saved);
    expect(theirs.layers.map((l) => l.getClassName())).toEqual(['Dense', 'Dropout', 'Dense']);
    const diff = await agreement(ours, theirs, [[6, 10]]);
    console.log(`Neurite MLP -> tfjs: max |difference| ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(TOLERANCE);
    ours.dispose();
    theirs.dispose();
  });

  it('a CNN with Conv2D, MaxPooling2D, BatchNormalization, Flatten and Dense', async () => {
    resetNameCounters();
    const ours = sequential({
      layers: [
        layers.conv2d({ filters: 4, kernelSize: 3, inputShape: [8, 8, 3], activation: 'relu', padding: 'same' }),
        layers.maxPooling2d({ poolSize: 2 }),
        layers.batchNormalization({}),
        layers.conv2d({ filters: 2, kernelSize: 2, strides: 2 }),
        layers.flatten({}),
        layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    randomize(ours, 30);
    const saved = await saveTfjsModel(ours);
    expect(saved.modelJson.weightsManifest[0].weights.map((w) => w.name)).toEqual([
      'conv2d/kernel', 'conv2d/bias',
      'batch_normalization/gamma', 'batch_normalization/beta', 'batch_normalization/moving_mean', 'batch_normalization/moving_variance',
      'conv2d_1/kernel', 'conv2d_1/bias', 'dense/kernel', 'dense/bias',
    ]);
    const theirs = await tfLoad(saved);
    const diff = await agreement(ours, theirs, [[2, 8, 8, 3]]);
    console.log(`Neurite CNN + BatchNormalization -> tfjs: max |difference| ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(TOLERANCE);
    ours.dispose();
    theirs.dispose();
  });

  it('a functional model with one input and two outputs', async () => {
    const input = Input({ shape: [6], name: 'features' });
    const shared = layers.dense({ units: 8, activation: 'relu', name: 'shared' }).apply(input);
    const score = layers.dense({ units: 1, name: 'score' }).apply(shared);
    const kind = layers.dense({ units: 3, activation: 'softmax', name: 'kind' }).apply(shared);
    const ours = new Model({ inputs: input, outputs: [score, kind] });
    randomize(ours, 50);
    const theirs = await tfLoad(await saveTfjsModel(ours));
    expect(theirs.outputNames).toEqual(['score', 'kind']);
    const diff = await agreement(ours, theirs, [[5, 6]]);
    console.log(`Neurite functional (1 input, 2 outputs) -> tfjs: max |difference| ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(TOLERANCE);
    ours.dispose();
    theirs.dispose();
  });
});

describe('saveTfjsModel: files in a directory', () => {
  it('writes model.json and group1-shard1of1.bin, which load back in Neurite', async () => {
    const target = join(dir, 'mlp');
    const ours = mlp();
    randomize(ours, 70);
    await saveTfjsModel(ours, target);
    expect((await readdir(target)).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
    const back = await loadTfjsModel(join(target, 'model.json'));
    const x = tensor(values(30, 4), [3, 10]);
    const a = ours.predict(x) as Tensor;
    const b = back.predict(x) as Tensor;
    expect(maxDifference(a.dataSync(), b.dataSync())).toBe(0);
    dispose([x, a, b]);
    back.dispose();

    // A path ending in .json names model.json itself.
    await saveTfjsModel(ours, join(dir, 'named', 'classifier.json'));
    expect((await readdir(join(dir, 'named'))).sort()).toEqual(['classifier.json', 'group1-shard1of1.bin']);
    const named = await loadTfjsModel(pathToFileURL(join(dir, 'named', 'classifier.json')));
    expect(named.countParams()).toBe(ours.countParams());
    named.dispose();
    ours.dispose();
  });

  it('a failing save leaves the previous files as they were, and no temporary files', async () => {
    const target = join(dir, 'kept');
    const first = mlp();
    randomize(first, 90);
    await saveTfjsModel(first, target);
    const json = await readFile(join(target, 'model.json'));
    const shard = await readFile(join(target, 'group1-shard1of1.bin'));

    const broken = mlp();
    broken.weights[2].variable.dispose(); // reading its value fails midway through the weights
    await expect(saveTfjsModel(broken, target)).rejects.toThrow(/disposed/);
    expect(await readFile(join(target, 'model.json'))).toEqual(json);
    expect(await readFile(join(target, 'group1-shard1of1.bin'))).toEqual(shard);
    expect((await readdir(target)).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);

    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'not a directory');
    await expect(saveTfjsModel(first, join(blocker, 'inside'))).rejects.toThrow(/^saveTfjsModel: cannot create the directory/);
    first.dispose();
  });

  it('refuses what is not a model or a directory', async () => {
    await expect(saveTfjsModel({} as Model)).rejects.toThrow(/saveTfjsModel: model must be a Model or Sequential/);
    const m = mlp();
    await expect(saveTfjsModel(m, '')).rejects.toThrow(/saveTfjsModel: target must be a directory path/);
    m.dispose();
  });
});
