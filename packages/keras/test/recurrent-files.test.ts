import '@neurite/backend-cpu';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { setBackend, tensor, type Tensor } from '@neurite/tensor';
import {
  Bidirectional, Dense, Embedding, GRU, GRUCell, Input, LSTM, Masking, MultiHeadAttention, RNN, SimpleRNN, TimeDistributed,
  Add, Concatenate, type SymbolicTensor,
} from '@neurite/layers';
import { Model, Sequential } from '../src/models/index.js';
import { modelToKerasJSON } from '../src/saving/config/index.js';
import { loadTfjsModel, saveTfjsModel } from '../src/saving/tfjs/index.js';
import { loadModel, saveModel } from '../src/saving/keras-archive/index.js';
import { h5, sortedPaths, tempDir, withH5 } from './saving-archive-helpers.js';
import { maxDifference, TOLERANCE, tfArtifacts, tfLoad, values } from './saving-tfjs-helpers.js';

// Models with the recurrent and sequence layers through .keras (Keras 3), .h5 (Keras 2) and the
// TensorFlow.js format, in the weight layout each one uses.

const STEPS = 5;

function fill(model: Model, seed: number): void {
  model.setWeights(model.weights.map((w, i) => tensor(values(w.variable.size, seed + i).map((v) => v * 0.7), [...w.shape])));
}

function predictions(model: Model, x: Tensor): number[] {
  const y = model.predict(x) as Tensor;
  const out = Array.from(y.dataSync());
  y.dispose();
  return out;
}

/** Token ids with padding, [3, STEPS]. */
const ids = () => tensor([3, 1, 4, 0, 0, 5, 9, 2, 6, 5, 3, 0, 0, 0, 0], [3, STEPS]);

/** One model with every recurrent layer kind (Keras 3 only: GRU with resetAfter and a seed). */
function everyLayer(): Sequential {
  return new Sequential({
    layers: [
      Input({ shape: [STEPS] }),
      new Embedding({ inputDim: 10, outputDim: 4, maskZero: true }),
      new Bidirectional({ layer: new LSTM({ units: 3, returnSequences: true, dropout: 0.2, recurrentDropout: 0.1, seed: 5 }) }),
      new TimeDistributed({ layer: new Dense({ units: 4, activation: 'relu' }) }),
      new Masking({ maskValue: 0 }),
      new GRU({ units: 3, returnSequences: true }),
      new RNN({ cell: new GRUCell({ units: 2, resetAfter: false }), returnSequences: true, goBackwards: true }),
      new SimpleRNN({ units: 2 }),
      new Dense({ units: 2, activation: 'softmax' }),
    ],
  });
}

beforeAll(async () => {
  await setBackend('cpu');
  await tf.setBackend('cpu');
});

describe('.keras (Keras 3)', () => {
  it('a model with every recurrent layer round-trips with the same predictions and Keras 3 weight paths', async () => {
    const model = everyLayer();
    fill(model, 1);
    const bytes = await saveModel(model);
    const back = await loadModel(bytes);
    expect(back.layers.map((l) => l.className)).toEqual(model.layers.map((l) => l.className));
    const x = ids();
    expect(predictions(back, x)).toEqual(predictions(model, x));
    expect(back.countParams()).toBe(model.countParams());
    const { unzipSync } = await import('fflate');
    const paths = await withH5(unzipSync(bytes)['model.weights.h5'], sortedPaths);
    const vars = paths.filter((p) => /\/vars\/\d+$/.test(p));
    expect(vars).toEqual([
      'layers/bidirectional/backward_layer/cell/vars/0', 'layers/bidirectional/backward_layer/cell/vars/1', 'layers/bidirectional/backward_layer/cell/vars/2',
      'layers/bidirectional/forward_layer/cell/vars/0', 'layers/bidirectional/forward_layer/cell/vars/1', 'layers/bidirectional/forward_layer/cell/vars/2',
      'layers/dense/vars/0', 'layers/dense/vars/1',
      'layers/embedding/vars/0',
      'layers/gru/cell/vars/0', 'layers/gru/cell/vars/1', 'layers/gru/cell/vars/2',
      'layers/rnn/cell/vars/0', 'layers/rnn/cell/vars/1', 'layers/rnn/cell/vars/2',
      'layers/simple_rnn/cell/vars/0', 'layers/simple_rnn/cell/vars/1', 'layers/simple_rnn/cell/vars/2',
      'layers/time_distributed/layer/vars/0', 'layers/time_distributed/layer/vars/1',
    ]);
    // The seed of the dropout masks is kept (config.json), so training repeats.
    const lstm = (back.layers[1] as Bidirectional).forwardLayer as LSTM;
    expect(lstm.cell.seed).toBe(5);
    x.dispose();
    model.dispose();
    back.dispose();
  });
});

describe('MultiHeadAttention in a functional model', () => {
  it('self-attention with a causal mask round-trips through .keras: same predictions, Keras 3 paths, use_causal_mask kept', async () => {
    const tokens = Input({ shape: [STEPS] });
    const embedded = new Embedding({ inputDim: 10, outputDim: 6 }).apply(tokens);
    const attended = new MultiHeadAttention({ numHeads: 2, keyDim: 3, dropout: 0.1, seed: 2 }).apply([embedded, embedded], { useCausalMask: true } as never) as SymbolicTensor;
    const model = new Model({ inputs: tokens, outputs: new Dense({ units: 2 }).apply(attended) });
    fill(model, 3);
    const json = modelToKerasJSON(model) as unknown as { config: { layers: { class_name: string; inbound_nodes: { kwargs: Record<string, unknown> }[] }[] } };
    const node = json.config.layers.find((l) => l.class_name === 'MultiHeadAttention')!.inbound_nodes[0];
    expect(node.kwargs).toEqual({ use_causal_mask: true });
    const bytes = await saveModel(model);
    const back = await loadModel(bytes);
    const x = ids();
    expect(predictions(back, x)).toEqual(predictions(model, x));
    // Causal: the first step's output does not depend on later tokens.
    const changed = tensor([3, 8, 8, 8, 8, 5, 1, 1, 1, 1, 5, 2, 2, 2, 2], [3, STEPS]);
    const a = predictions(back, x);
    const b = predictions(back, changed);
    for (const row of [0]) expect(b.slice(row * STEPS * 2, row * STEPS * 2 + 2)).toEqual(a.slice(row * STEPS * 2, row * STEPS * 2 + 2));
    const { unzipSync } = await import('fflate');
    const paths = (await withH5(unzipSync(bytes)['model.weights.h5'], sortedPaths)).filter((p) => p.startsWith('layers/multi_head_attention/') && /vars\/\d$/.test(p));
    expect(paths).toEqual(['key_dense', 'output_dense', 'query_dense', 'value_dense'].flatMap((k) => [0, 1].map((i) => `layers/multi_head_attention/${k}/vars/${i}`)));
    [x, changed].forEach((t) => t.dispose());
    model.dispose();
    back.dispose();
  });
});

describe('masks reach MultiHeadAttention', () => {
  it("Embedding(maskZero)'s padding is never attended to: changing padded tokens changes nothing at real steps", () => {
    const tokens = Input({ shape: [STEPS] });
    const embedded = new Embedding({ inputDim: 10, outputDim: 4, maskZero: true }).apply(tokens);
    const attended = new MultiHeadAttention({ numHeads: 2, keyDim: 2 }).apply([embedded, embedded]) as SymbolicTensor;
    const model = new Model({ inputs: tokens, outputs: attended });
    fill(model, 4);
    // Row 0 is padded after 3 tokens; the padding's embedding is row 0 of the table, so changing the table's
    // row 0 changes the padded steps' vectors only.
    const x = tensor([3, 1, 4, 0, 0, 5, 9, 2, 6, 5], [2, STEPS]);
    const before = predictions(model, x);
    const table = model.layers[1].weights[0];
    const values = Array.from(table.read().dataSync());
    for (let j = 0; j < 4; j++) values[j] += 5;
    table.assign(tensor(values, [...table.shape]));
    const after = predictions(model, x);
    const realSteps = [0, 1, 2, 5, 6, 7, 8, 9];
    for (const s of realSteps) expect(after.slice(s * 4, s * 4 + 4)).toEqual(before.slice(s * 4, s * 4 + 4));
    x.dispose();
    model.dispose();
  });
});

describe('masks through merge layers', () => {
  it('Add keeps a step where every input keeps it; Concatenate along the steps joins the masks', () => {
    const a = Input({ shape: [STEPS] });
    const b = Input({ shape: [STEPS] });
    const embed = new Embedding({ inputDim: 10, outputDim: 3, maskZero: true });
    const lstm = new LSTM({ units: 2 });
    const lstmJoined = new LSTM({ units: 2 });
    const added = new Add().apply([embed.apply(a), embed.apply(b)]) as SymbolicTensor;
    const joined = new Concatenate({ axis: 1 }).apply([embed.apply(a), embed.apply(b)]) as SymbolicTensor;
    const model = new Model({ inputs: [a, b], outputs: [lstm.apply(added), lstmJoined.apply(joined)] });
    fill(model, 7);
    const av = [3, 1, 4, 0, 0, 5, 9, 2, 6, 0];
    const bv = [2, 7, 0, 0, 0, 1, 0, 3, 3, 3];
    const xa = tensor(av, [2, STEPS]);
    const xb = tensor(bv, [2, STEPS]);
    const [yAdd, yJoin] = (model.predict([xa, xb]) as Tensor[]).map((t) => Array.from(t.dataSync()));
    // the same layers called by hand with the masks Keras's rules give
    const ea = embed.apply(xa);
    const eb = embed.apply(xb);
    const both = tensor(av.map((v, i) => (v !== 0 && bv[i] !== 0 ? 1 : 0)), [2, STEPS]);
    const sum = ea.add(eb);
    expect(Array.from((lstm.apply(sum, { mask: both }) as Tensor).dataSync())).toEqual(yAdd);
    const cat = tensor([...av.slice(0, 5), ...bv.slice(0, 5), ...av.slice(5), ...bv.slice(5)].map((v) => (v !== 0 ? 1 : 0)), [2, 2 * STEPS]);
    const seq = new Concatenate({ axis: 1 }).apply([ea, eb]) as Tensor;
    expect(Array.from((lstmJoined.apply(seq, { mask: cat }) as Tensor).dataSync())).toEqual(yJoin);
    // and without the masks the results differ (the test can tell)
    expect(Array.from((lstm.apply(sum) as Tensor).dataSync())).not.toEqual(yAdd);
    model.dispose();
  });
});

describe('TensorFlow.js format', () => {
  it('TensorFlow.js loads a Neurite recurrent model (its own reader) and predicts the same; Neurite reads it back', async () => {
    const model = new Sequential({
      layers: [
        Input({ shape: [STEPS] }),
        new Embedding({ inputDim: 10, outputDim: 4, maskZero: true }),
        new Bidirectional({ layer: new LSTM({ units: 3, returnSequences: true, recurrentActivation: 'sigmoid' }), mergeMode: 'mul' }),
        new TimeDistributed({ layer: new Dense({ units: 4 }) }),
        new GRU({ units: 3, resetAfter: false, returnSequences: true }),
        new SimpleRNN({ units: 2, activation: 'relu' }),
        new Dense({ units: 2 }),
      ],
    });
    fill(model, 2);
    const saved = await saveTfjsModel(model);
    const names = (saved.modelJson.weightsManifest[0].weights as { name: string }[]).map((w) => w.name);
    expect(names.slice(0, 4)).toEqual([
      `${model.layers[0].name}/embeddings`,
      `${model.layers[1].name}/forward_${(model.layers[1] as Bidirectional).forwardLayer.name.replace(/^forward_/, '')}/kernel`,
      expect.stringMatching(/\/forward_.*\/recurrent_kernel$/),
      expect.stringMatching(/\/forward_.*\/bias$/),
    ]);
    const theirs = await tfLoad(saved);
    const x = ids();
    const ty = theirs.predict(tf.tensor(Array.from(x.dataSync()), [3, STEPS])) as tf.Tensor;
    expect(maxDifference(predictions(model, x), await ty.data())).toBeLessThan(TOLERANCE);
    const back = await loadTfjsModel({ modelJson: saved.modelJson, weights: saved.weightData });
    expect(predictions(back, x)).toEqual(predictions(model, x));
    const refused = new Sequential({ layers: [Input({ shape: [STEPS, 2] }), new GRU({ units: 2 })] });
    // Written anyway (the file format has no such limit); TensorFlow.js itself refuses resetAfter: true.
    await expect(tfLoad(await saveTfjsModel(refused))).rejects.toThrow(/reset_after/);
    refused.dispose();
    ty.dispose();
    x.dispose();
    theirs.dispose();
    back.dispose();
    model.dispose();
  });
});

describe('.h5 (Keras 2)', () => {
  it('a Keras 2 file with Embedding, Bidirectional(LSTM), GRU and TimeDistributed loads and agrees with TensorFlow.js', async () => {
    // The topology tfjs writes is Keras 2's; the weights go where Keras 2 puts them (`<layer>/<layer>/<cell>/kernel:0`).
    const theirs = tf.sequential();
    theirs.add(tf.layers.embedding({ inputDim: 10, outputDim: 4, inputShape: [STEPS], maskZero: true, name: 'embedding' }));
    theirs.add(tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 3, returnSequences: true, name: 'lstm', recurrentActivation: 'sigmoid' }) as tf.RNN, name: 'bidirectional' }));
    theirs.add(tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 2, name: 'dense' }), name: 'time_distributed' }));
    theirs.add(tf.layers.gru({ units: 2, name: 'gru', recurrentActivation: 'sigmoid' }));
    theirs.setWeights(theirs.weights.map((w, i) => tf.tensor(values(w.shape.reduce((a: number, b) => a * (b as number), 1), 40 + i), w.shape as number[])));
    const artifacts = await tfArtifacts(theirs);
    const topology = artifacts.modelTopology as Record<string, unknown>;
    const cellOf: Record<string, string> = { lstm: 'lstm_cell', gru: 'gru_cell' };
    // Keras 2's weight names: `bidirectional/forward_lstm/lstm_cell/kernel:0`, `gru/gru_cell/kernel:0`, ...
    const groups = new Map<string, { names: string[]; values: Float32Array[]; shapes: number[][] }>();
    const flat = theirs.weights;
    const data = theirs.getWeights();
    flat.forEach((w, i) => {
      const parts = w.originalName.split('/');
      const layer = parts[0];
      const inner = parts.length === 3 ? `${parts[1]}/${cellOf[parts[1].replace(/^(forward|backward)_/, '')]}` : cellOf[layer];
      const name = inner ? `${layer}/${inner}/${parts[parts.length - 1]}:0` : `${layer}/${parts[parts.length - 1]}:0`;
      const g = groups.get(layer) ?? { names: [], values: [], shapes: [] };
      g.names.push(name);
      g.values.push(data[i].dataSync() as Float32Array);
      g.shapes.push([...data[i].shape]);
      groups.set(layer, g);
    });
    const api = await h5();
    const { dir, remove } = tempDir();
    try {
      const path = join(dir, 'keras2.h5');
      const file = new api.File(path, 'w');
      const text = (obj: { create_attribute: (n: string, d: string, s?: null, t?: string) => void }, name: string, value: string) => obj.create_attribute(name, value, null, `S${value.length}`);
      const fixed = (list: string[]) => `S${Math.max(1, ...list.map((s) => s.length))}`;
      text(file, 'keras_version', '2.15.0');
      text(file, 'backend', 'tensorflow');
      text(file, 'model_config', JSON.stringify(topology));
      const root = file.create_group('model_weights');
      const layerNames = [...groups.keys()];
      root.create_attribute('layer_names', layerNames, null, fixed(layerNames));
      const made = new Map<string, ReturnType<typeof root.create_group>>();
      for (const [layer, g] of groups) {
        const group = root.create_group(layer);
        group.create_attribute('weight_names', g.names, null, fixed(g.names));
        g.names.forEach((n, i) => {
          // `bidirectional/forward_lstm/lstm_cell/kernel:0` lies in nested groups under the layer's group
          const parts = n.split('/');
          let at = group;
          let path = layer;
          for (const part of parts.slice(0, -1)) {
            path += `/${part}`;
            const known = made.get(path);
            at = known ?? at.create_group(part);
            made.set(path, at);
          }
          at.create_dataset({ name: parts[parts.length - 1], data: g.values[i], shape: g.shapes[i], dtype: '<f' });
        });
      }
      file.close();
      const ours = await loadModel(new Uint8Array(readFileSync(path)));
      expect(ours.layers.map((l) => l.className)).toEqual(['Embedding', 'Bidirectional', 'TimeDistributed', 'GRU']);
      const x = ids();
      const ty = theirs.predict(tf.tensor(Array.from(x.dataSync()), [3, STEPS])) as tf.Tensor;
      const diff = maxDifference(predictions(ours, x), await ty.data());
      console.log(`Keras 2 .h5 recurrent model -> Neurite vs TensorFlow.js: max |difference| ${diff.toExponential(2)}`);
      expect(diff).toBeLessThan(TOLERANCE);
      ty.dispose();
      x.dispose();
      ours.dispose();
    } finally {
      remove();
      theirs.dispose();
    }
  });
});

describe('stateful models', () => {
  it('carry states from one predict to the next until resetStates (Bidirectional included)', () => {
    const model = new Sequential({
      layers: [
        Input({ batchShape: [2, 3, 2] }),
        new LSTM({ units: 3, stateful: true, returnSequences: true }),
        new Bidirectional({ layer: new GRU({ units: 2, stateful: true }) }),
      ],
    });
    fill(model, 6);
    const x = tensor(values(12, 1), [2, 3, 2]);
    const first = predictions(model, x);
    const second = predictions(model, x);
    expect(second).not.toEqual(first);
    model.resetStates();
    expect(predictions(model, x)).toEqual(first);
    x.dispose();
    model.dispose();
  });
});

describe('summary', () => {
  it("lists Keras's parameter counts for the recurrent layers", () => {
    const model = new Sequential({
      layers: [Input({ shape: [7, 10] }), new LSTM({ units: 32, returnSequences: true }), new Bidirectional({ layer: new GRU({ units: 8 }) }), new Dense({ units: 1 })],
    });
    const lines: string[] = [];
    model.summary((l: string) => lines.push(l));
    const text = lines.join('\n');
    expect(text).toMatch(/LSTM[^\n]*5,?504/);
    expect(text).toMatch(/Bidirectional[^\n]*2,016/); // 2 * 3 * 8 * (32 + 8 + 2)
    model.dispose();
  });
});



