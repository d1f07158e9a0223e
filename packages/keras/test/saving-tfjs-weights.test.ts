import '@neurite/backend-cpu';
import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispose, tensor, type Tensor } from '@neurite/tensor';
import { layers, sequential, type Sequential } from '../src/index.js';
import { loadTfjsWeights } from '../src/saving/tfjs/index.js';
import { maxDifference, TOLERANCE, tfArtifacts, toFiles, values, writeFiles, type TfjsFiles } from './saving-tfjs-helpers.js';

// The weight half of the format, against files TensorFlow.js 4.22 writes: bytes split over shards,
// names matched by layer and weight, and every way a file can be wrong. The models are built by hand on
// both sides, so these tests do not depend on reading the topology.

function tfMlp(): tf.Sequential {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 8, inputShape: [6], activation: 'relu', name: 'fc1' }));
  m.add(tf.layers.dropout({ rate: 0.3, name: 'drop' }));
  m.add(tf.layers.dense({ units: 3, activation: 'softmax', name: 'fc2' }));
  return m;
}

function mlp(hidden = 8): Sequential {
  return sequential({
    layers: [
      layers.dense({ units: hidden, inputShape: [6], activation: 'relu', name: 'fc1' }),
      layers.dropout({ rate: 0.3, name: 'drop' }),
      layers.dense({ units: 3, activation: 'softmax', name: 'fc2' }),
    ],
  });
}

async function compare(ours: Sequential, theirs: tf.LayersModel, shape: number[], seed = 7): Promise<number> {
  const xv = values(shape.reduce((a, b) => a * b, 1), seed);
  const y = ours.predict(tensor(xv, shape)) as Tensor;
  const ty = theirs.predict(tf.tensor(xv, shape)) as tf.Tensor;
  const diff = maxDifference(y.dataSync(), await ty.data());
  dispose(y);
  ty.dispose();
  return diff;
}

function snapshot(model: Sequential): Float32Array[] {
  return model.getWeights().map((w) => {
    const copy = new Float32Array(w.dataSync());
    w.dispose();
    return copy;
  });
}

function clone(files: TfjsFiles): TfjsFiles {
  return { modelJson: JSON.parse(JSON.stringify(files.modelJson)), shards: { ...files.shards } };
}

let theirs: tf.Sequential;
let files: TfjsFiles;
let dir: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  theirs = tfMlp();
  files = toFiles(await tfArtifacts(theirs), 100); // 6*8*4 + 8*4 + 8*3*4 + 3*4 = 332 bytes in 4 shards
  dir = await mkdtemp(join(tmpdir(), 'neurite-tfjs-weights-'));
});

afterAll(async () => {
  theirs.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('loadTfjsWeights: reading what TensorFlow.js writes', () => {
  it('concatenates the shards in manifest order (a weight straddles two) and matches names by layer', async () => {
    expect(Object.keys(files.shards)).toEqual(['group1-shard1of4.bin', 'group1-shard2of4.bin', 'group1-shard3of4.bin', 'group1-shard4of4.bin']);
    expect(files.modelJson.weightsManifest[0].weights.map((w) => w.name)).toEqual(['fc1/kernel', 'fc1/bias', 'fc2/kernel', 'fc2/bias']);
    const ours = mlp();
    await loadTfjsWeights(ours, { modelJson: JSON.stringify(files.modelJson), weights: files.shards });
    const diff = await compare(ours, theirs, [5, 6]);
    expect(diff).toBeLessThan(TOLERANCE);
    ours.dispose();
  });

  it('reads from a directory in Node, with progress up to 1', async () => {
    const path = await writeFiles(join(dir, 'mlp'), files);
    const ours = mlp();
    const fractions: number[] = [];
    await loadTfjsWeights(ours, path, { onProgress: (f) => fractions.push(f) });
    expect(await compare(ours, theirs, [4, 6], 3)).toBeLessThan(TOLERANCE);
    expect(fractions.length).toBeGreaterThanOrEqual(4);
    expect(fractions[fractions.length - 1]).toBe(1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    ours.dispose();
  });

  it('accepts one buffer holding every shard, a scope prefix, and a `:0` suffix', async () => {
    const renamed = clone(files);
    const specs = renamed.modelJson.weightsManifest[0].weights;
    specs[0].name = 'outer_model/fc1/kernel';
    specs[1].name = 'fc1/bias:0';
    const all = new Uint8Array(Object.values(files.shards).reduce((n, s) => n + s.byteLength, 0));
    let offset = 0;
    for (const s of Object.values(files.shards)) {
      all.set(s, offset);
      offset += s.byteLength;
    }
    const ours = mlp();
    await loadTfjsWeights(ours, { modelJson: renamed.modelJson, weights: all.buffer });
    expect(await compare(ours, theirs, [3, 6], 11)).toBeLessThan(TOLERANCE);
    ours.dispose();
  });

  it('converts int32 and bool weights to the variable dtype', async () => {
    const m = sequential({ layers: [layers.dense({ units: 2, inputShape: [2], name: 'd' })] });
    const kernel = new Int32Array([1, -2, 3, 4]);
    const bias = new Uint8Array([1, 0]);
    const bytes = new Uint8Array(18);
    bytes.set(new Uint8Array(kernel.buffer), 0);
    bytes.set(bias, 16);
    const modelJson = {
      modelTopology: {},
      weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'd/kernel', shape: [2, 2], dtype: 'int32' }, { name: 'd/bias', shape: [2], dtype: 'bool' }] }],
    };
    await loadTfjsWeights(m, { modelJson: modelJson as never, weights: { 'w.bin': bytes } });
    const [k, b] = m.getWeights();
    expect(Array.from(k.dataSync())).toEqual([1, -2, 3, 4]);
    expect(Array.from(b.dataSync())).toEqual([1, 0]);
    expect(k.dtype).toBe('float32');
    dispose([k, b]);
    m.dispose();
  });
});

describe('loadTfjsWeights: files that are wrong, and the model left as it was', () => {
  async function expectRefused(source: Parameters<typeof loadTfjsWeights>[1], pattern: RegExp, model = mlp()): Promise<void> {
    const before = snapshot(model);
    await expect(loadTfjsWeights(model, source)).rejects.toThrow(pattern);
    const after = snapshot(model);
    after.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(before[i])));
    model.dispose();
  }

  it('a missing shard names model.json and the shard', async () => {
    const path = await writeFiles(join(dir, 'missing'), files);
    await unlink(join(dir, 'missing', 'group1-shard3of4.bin'));
    await expectRefused(path, /^loadTfjsWeights: '.*missing[\\/]model\.json': weight shard 'group1-shard3of4\.bin' is missing or unreadable \(.*group1-shard3of4\.bin': cannot be read: ENOENT/);
    await expectRefused({ modelJson: files.modelJson, weights: { 'group1-shard1of4.bin': files.shards['group1-shard1of4.bin'] } }, /'model\.json': weight shard 'group1-shard2of4\.bin' is missing/);
  });

  it('a truncated shard names the shards, the byte counts and the first weight cut short', async () => {
    const path = await writeFiles(join(dir, 'truncated'), files);
    await truncate(join(dir, 'truncated', 'group1-shard2of4.bin'), 10);
    await expectRefused(path, /truncated[\\/]model\.json': the weight shards of group 1 hold 259 bytes but its weights need 332: a shard is truncated or missing.*'group1-shard2of4\.bin' \(10 bytes\).*first weight cut short is 'fc2\/kernel' \[8, 3\]/);
  });

  it('extra bytes mean the shards do not belong to the manifest', async () => {
    const longer = clone(files);
    longer.shards['group1-shard4of4.bin'] = new Uint8Array(files.shards['group1-shard4of4.bin'].byteLength + 4);
    await expectRefused({ modelJson: longer.modelJson, weights: longer.shards }, /hold 336 bytes but its weights need only 332/);
  });

  it('a shape that does not match names the file, the layer, the weight and both shapes', async () => {
    const path = await writeFiles(join(dir, 'shape'), files);
    await expectRefused(path, /shape[\\/]model\.json': layer 'fc1', weight 'kernel': the file holds shape \[6, 8\] \(as 'fc1\/kernel'\), the model expects \[6, 7\]/, mlp(7));
  });

  it('a weight the model lacks, and a model weight the file lacks', async () => {
    const extra = sequential({ layers: [layers.dense({ units: 8, inputShape: [6], activation: 'relu', name: 'fc1' })] });
    await expectRefused({ modelJson: files.modelJson, weights: files.shards }, /weight 'fc2\/kernel' \[8, 3\] matches no weight of the model \(model weights: \[fc1\/kernel, fc1\/bias\]\)/, extra as Sequential);
    const fewer = clone(files);
    const group = fewer.modelJson.weightsManifest[0];
    group.weights = group.weights.slice(0, 3); // the bias's 12 bytes go too
    const all = new Uint8Array(320);
    let offset = 0;
    for (const s of Object.values(files.shards)) {
      all.set(s.subarray(0, Math.min(s.byteLength, 320 - offset)), offset);
      offset += s.byteLength;
      if (offset >= 320) break;
    }
    await expectRefused({ modelJson: fewer.modelJson, weights: all }, /1 of the model's 4 weights are not in the file: layer 'fc2' weight 'bias' \[3\]/);
  });

  it('quantized and unsupported dtypes are refused before any shard is read', async () => {
    const quantized = clone(files);
    quantized.modelJson.weightsManifest[0].weights[0].quantization = { dtype: 'uint8', scale: 0.01, min: -1 };
    await expectRefused({ modelJson: quantized.modelJson, weights: {} }, /'model\.json': weight 'fc1\/kernel' is quantized \(uint8\).*without --quantize/);
    const strings = clone(files);
    (strings.modelJson.weightsManifest[0].weights[1] as { dtype: string }).dtype = 'string';
    await expectRefused({ modelJson: strings.modelJson, weights: {} }, /weight 'fc1\/bias' has dtype "string"; Neurite reads float32, int32 and bool weights/);
  });

  it('a corrupt model.json names the file', async () => {
    const path = join(dir, 'corrupt', 'model.json');
    await writeFiles(join(dir, 'corrupt'), files);
    await writeFile(path, '{"format": "layers-model", "modelTopology": {');
    await expectRefused(path, /corrupt[\\/]model\.json': is not valid JSON/);
    await expectRefused({ modelJson: '[1, 2]', weights: {} }, /'model\.json': expected a JSON object/);
    await expectRefused({ modelJson: { weightsManifest: [{ paths: 'a.bin', weights: [] }] } as never, weights: {}, fileName: 'my.json' }, /'my\.json': weightsManifest\[0\]\.paths must be a list of shard file names/);
    await expectRefused({ modelJson: { format: 'graph-model', modelTopology: {}, weightsManifest: [] } as never, weights: {} }, /format is "graph-model".*Neurite reads only layers models/);
    await expectRefused(join(dir, 'nowhere', 'model.json'), /nowhere[\\/]model\.json': cannot be read: ENOENT/);
  });

  it('shard paths may not leave the directory of model.json', async () => {
    const escaping = clone(files);
    escaping.modelJson.weightsManifest[0].paths[0] = '../secret.bin';
    const path = await writeFiles(join(dir, 'escape'), escaping);
    await expectRefused(path, /weight shard path '\.\.\/secret\.bin' must be relative to model\.json and stay in its directory/);
  });
});
