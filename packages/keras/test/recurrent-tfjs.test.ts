import '@neurite/backend-cpu';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispose, mul, setBackend, sum, tensor, tidy, valueAndGrads, variableGrads, type Tensor } from '@neurite/tensor';
import { Bidirectional, Dense, Embedding, GRU, LSTM, SimpleRNN, TimeDistributed, type Layer } from '@neurite/layers';
import type { Model } from '../src/models/index.js';
import { loadTfjsModel } from '../src/saving/tfjs/index.js';
import { maxDifference, TOLERANCE, tfArtifacts, toFiles, values } from './saving-tfjs-helpers.js';

// Recurrent and sequence layers against TensorFlow.js 4.22 on shared weights (forward and gradients,
// within 1e-5), and through the three file formats.

const VOCAB = 12;
const STEPS = 6;

/** Token ids [rows, STEPS] with zero padding at the end of some rows (and a zero inside one). */
function tokenIds(rows: number, seed: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    const length = STEPS - (r % 3);
    for (let t = 0; t < STEPS; t++) out.push(t < length ? 1 + ((r * 7 + t * 5 + seed) % (VOCAB - 1)) : 0);
  }
  out[2] = 0;
  return out;
}

function randomizeTfWeights(model: tf.LayersModel, seed: number): void {
  model.setWeights(model.weights.map((w, i) => tf.tensor(values(w.shape.reduce((a: number, b) => a * (b as number), 1), seed + i).map((v) => v * 0.8), w.shape as number[])));
}

/** A text model with TensorFlow.js's defaults (hard_sigmoid gates, GRU with the reset gate before). */
function tfTextModel(): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.embedding({ inputDim: VOCAB, outputDim: 5, maskZero: true, inputShape: [STEPS] }));
  m.add(tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 4, returnSequences: true }) as tf.RNN, mergeMode: 'concat' }));
  m.add(tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 3, activation: 'tanh' }) }));
  m.add(tf.layers.gru({ units: 3, returnSequences: true, goBackwards: true }));
  m.add(tf.layers.simpleRNN({ units: 4 }));
  m.add(tf.layers.dense({ units: 2, activation: 'softmax' }));
  return m;
}

async function gap(ours: Model, theirs: tf.LayersModel, ids: number[], rows: number): Promise<number> {
  const x = tensor(ids, [rows, STEPS]);
  const y = ours.predict(x) as Tensor;
  const ty = theirs.predict(tf.tensor(ids, [rows, STEPS])) as tf.Tensor;
  const diff = maxDifference(y.dataSync(), await ty.data());
  dispose([x, y]);
  ty.dispose();
  return diff;
}

beforeAll(async () => {
  await setBackend('cpu');
  await tf.setBackend('cpu');
});

describe('recurrent models saved by TensorFlow.js load in Neurite and agree', () => {
  it('Embedding(maskZero) -> Bidirectional(LSTM) -> TimeDistributed(Dense) -> GRU(goBackwards) -> SimpleRNN -> Dense, padded inputs', async () => {
    const theirs = tfTextModel();
    randomizeTfWeights(theirs, 3);
    const files = toFiles(await tfArtifacts(theirs));
    const ours = await loadTfjsModel({ modelJson: JSON.stringify(files.modelJson), weights: files.shards });
    expect(ours.layers.map((l) => l.className)).toEqual(['Embedding', 'Bidirectional', 'TimeDistributed', 'GRU', 'SimpleRNN', 'Dense']);
    expect(ours.countParams()).toBe(theirs.countParams());
    const diff = await gap(ours, theirs, tokenIds(5, 1), 5);
    console.log(`tfjs recurrent text model -> Neurite: max |difference| ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(TOLERANCE);
    ours.dispose();
    theirs.dispose();
  });
});

describe('recurrent layers: gradients agree with TensorFlow.js', () => {
  // loss = sum(y * r) for a fixed r: the gradient of every weight and of the input.
  const cases: [string, () => Layer, () => tf.layers.Layer][] = [
    ['SimpleRNN', () => new SimpleRNN({ units: 3, returnSequences: true }), () => tf.layers.simpleRNN({ units: 3, returnSequences: true })],
    ['LSTM', () => new LSTM({ units: 3 }), () => tf.layers.lstm({ units: 3, recurrentActivation: 'sigmoid' })],
    ['GRU (resetAfter false)', () => new GRU({ units: 3, resetAfter: false, returnSequences: true }), () => tf.layers.gru({ units: 3, recurrentActivation: 'sigmoid', returnSequences: true })],
    ['Bidirectional(LSTM) sum', () => new Bidirectional({ layer: new LSTM({ units: 2, returnSequences: true }), mergeMode: 'sum' }), () => tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 2, returnSequences: true, recurrentActivation: 'sigmoid' }) as tf.RNN, mergeMode: 'sum' })],
    ['TimeDistributed(Dense)', () => new TimeDistributed({ layer: new Dense({ units: 2, activation: 'tanh' }) }), () => tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 2, activation: 'tanh' }) })],
  ];
  for (const [name, ours, theirs] of cases) {
    it(`${name}: outputs and the gradients of every weight and of the input`, async () => {
      const shape = [3, 5, 4];
      const xv = values(60, 9);
      const layer = ours();
      const tfLayer = theirs();
      const x = tensor(xv, shape);
      const tx = tf.tensor(xv, shape);
      layer.build(shape);
      tfLayer.apply(tx);
      layer.setWeights(layer.weights.map((w, i) => tensor(values(w.variable.size, 20 + i), [...w.shape])));
      tfLayer.setWeights(layer.getWeights().map((w) => tf.tensor(w.dataSync() as Float32Array, [...w.shape])));
      const y = layer.apply(x) as Tensor;
      const ty = tfLayer.apply(tx) as tf.Tensor;
      expect(maxDifference(y.dataSync(), await ty.data())).toBeLessThan(TOLERANCE);
      const rv = values(y.size, 31);
      const r = tensor(rv, [...y.shape]);
      const tr = tf.tensor(rv, ty.shape);
      const vars = layer.trainableWeights.map((w) => w.variable);
      const ourGrads = variableGrads(() => tidy(() => sum(mul(layer.apply(x) as Tensor, r))), vars);
      const tfVars = tfLayer.trainableWeights.map((w) => w.read() as tf.Variable);
      const theirGrads = tf.variableGrads(() => tf.sum(tf.mul(tfLayer.apply(tx) as tf.Tensor, tr)) as tf.Scalar, tfVars);
      vars.forEach((v, i) => {
        const ours = ourGrads.grads[v.name].dataSync();
        const theirsG = theirGrads.grads[tfVars[i].name].dataSync();
        expect(maxDifference(ours, theirsG), `${layer.weights[i].path}`).toBeLessThan(TOLERANCE);
      });
      const ourInputGrad = valueAndGrads((t) => tidy(() => sum(mul(layer.apply(t) as Tensor, r))))([x]);
      const theirInputGrad = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tfLayer.apply(t) as tf.Tensor, tr)))(tx);
      expect(maxDifference(ourInputGrad.grads[0].dataSync(), await theirInputGrad.data()), 'input gradient').toBeLessThan(TOLERANCE);
      dispose([ourInputGrad.value, ...ourInputGrad.grads]);
      theirInputGrad.dispose();
      dispose([x, y, r, ourGrads.value, ...Object.values(ourGrads.grads)]);
      tf.dispose([tx, ty, tr, theirGrads.value, ...Object.values(theirGrads.grads)]);
      layer.dispose();
      tfLayer.dispose();
    });
  }
});

describe('Embedding agrees with TensorFlow.js', () => {
  it('lookups and the gradient of the table (repeated ids add up)', async () => {
    const ids = [1, 3, 3, 0, 7, 1, 1, 2];
    const ours = new Embedding({ inputDim: 8, outputDim: 3 });
    const theirs = tf.layers.embedding({ inputDim: 8, outputDim: 3 });
    const x = tensor(ids, [2, 4], 'int32');
    const tx = tf.tensor(ids, [2, 4], 'int32');
    ours.build([2, 4]);
    theirs.apply(tx);
    theirs.setWeights(ours.getWeights().map((w) => tf.tensor(w.dataSync() as Float32Array, [...w.shape])));
    const r = values(2 * 4 * 3, 4);
    const rt = tensor(r, [2, 4, 3]);
    const trt = tf.tensor(r, [2, 4, 3]);
    const y = ours.apply(x);
    const ty = theirs.apply(tx) as tf.Tensor;
    expect(maxDifference(y.dataSync(), await ty.data())).toBeLessThan(TOLERANCE);
    const table = ours.trainableWeights[0].variable;
    const g = variableGrads(() => tidy(() => sum(mul(ours.apply(x), rt))), [table]);
    const tVar = theirs.trainableWeights[0].read() as tf.Variable;
    const tg = tf.variableGrads(() => tf.sum(tf.mul(theirs.apply(tx) as tf.Tensor, trt)) as tf.Scalar, [tVar]);
    expect(maxDifference(g.grads[table.name].dataSync(), await tg.grads[tVar.name].data())).toBeLessThan(TOLERANCE);
    dispose([x, rt, y, g.value, ...Object.values(g.grads)]);
    tf.dispose([tx, trt, ty, tg.value, ...Object.values(tg.grads)]);
    ours.dispose();
    theirs.dispose();
  });
});
