import '@neurite/backend-cpu';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadMnistAll } from '@neurite/datasets';
import { Conv2D, Dense, Dropout, Flatten, Input, MaxPooling2D } from '@neurite/layers';
import { tidy, type Tensor } from '@neurite/tensor';
import { Sequential, type Model } from '../src/models/index.js';
import { loadModel, saveModel } from '../src/saving/keras-archive/index.js';
import { fixturePath, fixturesExist, sortedPaths, withH5 } from './saving-archive-helpers.js';

if (!fixturesExist) {
  console.warn('saving-fixtures: skipped, ../shared/fixtures/keras/ is absent beside the repository (the real Keras 3 files are not checked out)');
}

const MLP = 'mnist-mlp-dropout.keras';
const CNN = 'mnist-convnet-keras3.1.keras';

/** The datasets of model.weights.h5 inside a fixture, read with fflate and h5wasm directly. */
async function fixtureWeights(file: string): Promise<{ paths: string[]; data: Map<string, { shape: number[]; values: Float32Array }> }> {
  const weights = unzipSync(readFileSync(fixturePath(file)))['model.weights.h5'];
  return withH5(weights, (h5) => {
    const data = new Map<string, { shape: number[]; values: Float32Array }>();
    const paths = sortedPaths(h5);
    for (const path of paths) {
      if (!path.startsWith('layers/')) continue;
      const entity = h5.get(path) as { type?: string; shape?: number[]; value?: unknown };
      if (entity?.type === 'Dataset') data.set(path, { shape: entity.shape as number[], values: entity.value as Float32Array });
    }
    return { paths, data };
  });
}

/** Share of digits whose highest score is the label. */
function accuracy(model: Model, x: Tensor, labels: Int32Array): number {
  const predicted = tidy(() => (model.predict(x, { batchSize: 1000 }) as Tensor).argMax({ axis: -1 })).dataSync();
  let right = 0;
  labels.forEach((label, i) => {
    if (predicted[i] === label) right += 1;
  });
  return right / labels.length;
}

function layerWeight(model: Model, layer: string, weight: string): Float32Array {
  const found = model.getLayer(layer).weights.find((w) => w.name === weight);
  if (!found) throw new Error(`no ${layer}/${weight}`);
  return found.read().dataSync() as Float32Array;
}

describe.skipIf(!fixturesExist)('real Keras 3 .keras files', () => {
  it(`${MLP}: 104,938 parameters, weights equal to the file's, 10,000 digits at >= 0.9658`, async () => {
    const model = await loadModel(fixturePath(MLP));
    const summary = model.summaryText().join('\n');
    expect(summary).toContain('Total params: 104,938');
    expect(summary).toContain('dense_2 (Dense)');

    // The groups are named by class with a per-class counter, and numbered children sort numerically.
    const { data } = await fixtureWeights(MLP);
    for (const [group, layer] of [['dense', 'dense'], ['dense_1', 'dense_1'], ['dense_2', 'dense_2']]) {
      expect(Array.from(layerWeight(model, layer, 'kernel'))).toEqual(Array.from(data.get(`layers/${group}/vars/0`)!.values));
      expect(Array.from(layerWeight(model, layer, 'bias'))).toEqual(Array.from(data.get(`layers/${group}/vars/1`)!.values));
    }
    // The training configuration comes back too.
    expect(model.compiled?.optimizer.className).toBe('Adam');
    expect(model.compiled?.outputs[0].loss?.className).toBe('SparseCategoricalCrossentropy');

    const { x, labels } = loadMnistAll('flat');
    const images = x.reshape([labels.length, 28, 28]);
    const acc = accuracy(model, images, labels);
    console.log(`saving-fixtures: ${MLP} classifies the mnist package's 10,000 digits at ${acc.toFixed(4)} (author: 0.9758 on the MNIST test set)`);
    expect(acc).toBeGreaterThanOrEqual(0.9658);

    // An independent forward pass: TensorFlow.js with the file's weights, on 500 digits.
    const reference = tf.sequential({
      layers: [
        tf.layers.flatten({ inputShape: [28, 28] }),
        tf.layers.dense({ units: 128, activation: 'relu' }),
        tf.layers.dense({ units: 32, activation: 'relu' }),
        tf.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    reference.setWeights(
      ['dense', 'dense_1', 'dense_2'].flatMap((g) => [0, 1].map((i) => {
        const d = data.get(`layers/${g}/vars/${i}`)!;
        return tf.tensor(d.values, d.shape);
      })),
    );
    const some = images.slice([0, 0, 0], [500, 28, 28]);
    const ours = (model.predict(some) as Tensor).dataSync();
    const theirs = (reference.predict(tf.tensor(some.dataSync(), [500, 28, 28])) as tf.Tensor).dataSync();
    const diff = Array.from(ours).reduce((m, v, i) => Math.max(m, Math.abs(v - theirs[i])), 0);
    expect(diff).toBeLessThan(1e-5);
    reference.dispose();
    model.dispose();
  });

  it(`${CNN}: 34,826 parameters, weights equal to the file's, 10,000 digits at >= 0.9828`, async () => {
    const model = await loadModel(fixturePath(CNN));
    const summary = model.summaryText().join('\n');
    expect(summary).toContain('Total params: 34,826');
    const { data } = await fixtureWeights(CNN);
    for (const [group, layer] of [['conv2d', 'conv2d'], ['conv2d_1', 'conv2d_1'], ['dense', 'dense']]) {
      expect(Array.from(layerWeight(model, layer, 'kernel'))).toEqual(Array.from(data.get(`layers/${group}/vars/0`)!.values));
      expect(Array.from(layerWeight(model, layer, 'bias'))).toEqual(Array.from(data.get(`layers/${group}/vars/1`)!.values));
    }
    expect(model.compiled?.outputs[0].loss?.className).toBe('CategoricalCrossentropy');
    const { x, labels } = loadMnistAll('image');
    const acc = accuracy(model, x, labels);
    console.log(`saving-fixtures: ${CNN} classifies the mnist package's 10,000 digits at ${acc.toFixed(4)} (author: 0.9928 on the MNIST test set)`);
    expect(acc).toBeGreaterThanOrEqual(0.9828);
    model.dispose();
  });

  it('a model Neurite builds and saves has the group layout of the Keras-written file (optimizer state aside)', async () => {
    // Built from scratch with names unlike Keras's: the groups must still come from the classes.
    const mlp = new Sequential({
      name: 'my_mlp',
      layers: [
        Input({ shape: [28, 28] }),
        new Flatten({ name: 'flat' }),
        new Dense({ units: 128, activation: 'relu', name: 'hidden_a' }),
        new Dropout({ rate: 0.2, name: 'drop_a' }),
        new Dense({ units: 32, activation: 'relu', name: 'hidden_b' }),
        new Dropout({ rate: 0.2, name: 'drop_b' }),
        new Dense({ units: 10, activation: 'softmax', name: 'scores' }),
      ],
    });
    const cnn = new Sequential({
      layers: [
        Input({ shape: [28, 28, 1] }),
        new Conv2D({ filters: 32, kernelSize: 3, activation: 'relu', name: 'c1' }),
        new MaxPooling2D({ poolSize: 2, name: 'p1' }),
        new Conv2D({ filters: 64, kernelSize: 3, activation: 'relu', name: 'c2' }),
        new MaxPooling2D({ poolSize: 2, name: 'p2' }),
        new Flatten({ name: 'f' }),
        new Dropout({ rate: 0.5, name: 'd' }),
        new Dense({ units: 10, activation: 'softmax', name: 'out' }),
      ],
    });
    for (const [model, file] of [[mlp, MLP], [cnn, CNN]] as const) {
      const archive = unzipSync(await saveModel(model));
      expect(Object.keys(archive)).toEqual(['metadata.json', 'config.json', 'model.weights.h5']);
      const ours = await withH5(archive['model.weights.h5'], (h5) =>
        sortedPaths(h5).map((p) => {
          const e = h5.get(p) as { type?: string; shape?: number[] };
          return e.type === 'Dataset' ? `${p} [${e.shape}]` : p;
        }),
      );
      const { paths, data } = await fixtureWeights(file);
      const theirs = paths.filter((p) => !p.startsWith('optimizer')).map((p) => (data.has(p) ? `${p} [${data.get(p)!.shape}]` : p));
      expect(ours).toEqual(theirs);
      model.dispose();
    }
  });
});
