import '@neurite/backend-cpu';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Dense, Input } from '@neurite/layers';
import { memory } from '@neurite/tensor';
import { Sequential } from '../src/models/index.js';
import { loadModel, loadWeights, saveModel, saveWeights } from '../src/saving/keras-archive/index.js';
import { fillWeights, tempDir, weightValues } from './saving-archive-helpers.js';

function small(units = 5): Sequential {
  return new Sequential({ layers: [Input({ shape: [4] }), new Dense({ units, activation: 'relu' }), new Dense({ units: 2 })] });
}

/** A .keras archive rebuilt with some members replaced (the CRCs stay right: only the content differs). */
function rezip(archive: Uint8Array, replace: Record<string, Uint8Array | null>): Uint8Array {
  const members: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(unzipSync(archive))) if (replace[name] !== null) members[name] = replace[name] ?? data;
  for (const [name, data] of Object.entries(replace)) if (data !== null && !(name in members)) members[name] = data;
  return zipSync(members, { level: 0 });
}

function editConfig(archive: Uint8Array, edit: (config: any) => void): Uint8Array {
  const config = JSON.parse(strFromU8(unzipSync(archive)['config.json']));
  edit(config);
  return rezip(archive, { 'config.json': strToU8(JSON.stringify(config)) });
}

/** Loads and expects a failure, checking that the failed load left no tensor behind. */
async function failure(load: () => Promise<unknown>): Promise<string> {
  const before = memory().numTensors;
  const error = await load().then(
    () => null,
    (e: Error) => e,
  );
  expect(error, 'the load should have failed').not.toBeNull();
  expect(memory().numTensors).toBe(before);
  return (error as Error).message;
}

describe('loadModel refuses bad files with an error naming the file', () => {
  it('foreign bytes, an empty file, JSON', async () => {
    const { dir, remove } = tempDir();
    try {
      const path = join(dir, 'notes.keras');
      writeFileSync(path, 'these are not the weights you are looking for');
      expect(await failure(() => loadModel(path))).toMatch(
        new RegExp(`^loadModel: '${path}': is not a Keras model file \\(expected a \\.keras zip archive or a Keras 2 \\.h5 file; got 45 bytes starting with "these are not th"\\)`),
      );
      writeFileSync(path, '');
      expect(await failure(() => loadModel(path))).toBe(`loadModel: '${path}': is empty`);
      writeFileSync(path, '  {"format": "layers-model"}');
      expect(await failure(() => loadModel(path))).toMatch(/is JSON, not a model archive: a TensorFlow\.js model\.json loads with loadTfjsModel/);
    } finally {
      remove();
    }
  });

  it('a truncated archive, and one whose bytes were damaged', async () => {
    const model = small();
    const archive = await saveModel(model);
    model.dispose();
    const { dir, remove } = tempDir();
    try {
      const path = join(dir, 'cut.keras');
      writeFileSync(path, archive.subarray(0, Math.floor(archive.byteLength / 2)));
      expect(await failure(() => loadModel(path))).toMatch(new RegExp(`^loadModel: '${path}': is not a readable zip archive \\(it is truncated or corrupt\\)`));
      const damaged = archive.slice();
      for (let i = 0; i < 8; i++) damaged[Math.floor(damaged.byteLength * 0.6) + i] ^= 0xff;
      expect(await failure(() => loadModel(damaged))).toMatch(/: member 'model\.weights\.h5' is corrupt: its CRC-32 does not match/);
    } finally {
      remove();
    }
  });

  it('a zip that is not a Keras archive, and an archive whose weights are not (whole) HDF5', async () => {
    const model = small();
    const archive = await saveModel(model);
    model.dispose();
    const other = zipSync({ 'readme.txt': strToU8('hello') });
    expect(await failure(() => loadModel(other))).toMatch(/is a zip archive but not a Keras model: it has no config\.json \(members: \[readme\.txt\]\)/);
    expect(await failure(() => loadModel(rezip(archive, { 'model.weights.h5': null })))).toMatch(/has no model\.weights\.h5/);
    expect(await failure(() => loadModel(rezip(archive, { 'model.weights.h5': null, 'model.weights.json': strToU8('{}') })))).toMatch(
      /stores its weights as 'model\.weights\.json' \(sharded or NumPy weights\), which Neurite does not read/,
    );
    expect(await failure(() => loadModel(rezip(archive, { 'model.weights.h5': strToU8('plain text') })))).toMatch(
      /: model\.weights\.h5: is not an HDF5 file \(no HDF5 signature; 10 bytes starting with "plain text"\)/,
    );
    const weights = unzipSync(archive)['model.weights.h5'];
    const cut = rezip(archive, { 'model.weights.h5': weights.subarray(0, weights.byteLength - 100) });
    expect(await failure(() => loadModel(cut))).toMatch(
      /: model\.weights\.h5: cannot be opened as HDF5 \(the file is truncated or corrupt\): truncated file: eof = \d+, .*stored_eof = \d+/,
    );
    expect(await failure(() => loadModel(rezip(archive, { 'config.json': strToU8('{"class_name": ') })))).toMatch(/: config\.json is not valid JSON/);
  });

  it('weights that do not fit the config: the file, the layer, the weight and both shapes', async () => {
    const model = small();
    const archive = await saveModel(model);
    const names = model.layers.map((l) => l.name);
    model.dispose();
    const wider = editConfig(archive, (config) => {
      config.config.layers[1].config.units = 6;
    });
    expect(await failure(() => loadModel(wider))).toBe(
      `loadModel: '(${wider.byteLength} bytes in memory)': model.weights.h5: layer '${names[0]}', weight 'kernel' ('layers/dense/vars/0'): the file holds shape [4, 5], the model expects [4, 6]`,
    );
    const noBias = editConfig(archive, (config) => {
      config.config.layers[2].config.use_bias = false;
    });
    expect(await failure(() => loadModel(noBias))).toMatch(
      new RegExp(`model\\.weights\\.h5: layer '${names[1]}' \\(Dense, stored at 'layers/dense_1'\\) has 1 variable \\[kernel \\[5, 2\\]\\], but 'layers/dense_1/vars' holds 2 \\[0, 1\\]`),
    );
    // Weights of a longer model: the left-over group is reported, not ignored.
    const longer = new Sequential({ layers: [Input({ shape: [4] }), new Dense({ units: 5 }), new Dense({ units: 2 }), new Dense({ units: 2 })] });
    const mixed = rezip(archive, { 'model.weights.h5': await saveWeights(longer) });
    longer.dispose();
    expect(await failure(() => loadModel(mixed))).toMatch(/holds variables for \[layers\/dense_2\], which match no layer of the model/);
  });

  it('an unknown layer class gives the config module\'s error, and nothing is built', async () => {
    const model = small();
    const archive = await saveModel(model);
    model.dispose();
    const unknown = editConfig(archive, (config) => {
      config.config.layers[1].class_name = 'FancyDense';
    });
    expect(await failure(() => loadModel(unknown))).toMatch(/FancyDense/);
  });

  it('a training configuration Neurite cannot honour is an error with the way around it', async () => {
    const model = small();
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const archive = await saveModel(model);
    model.dispose();
    const nadam = editConfig(archive, (config) => {
      config.compile_config.optimizer.class_name = 'Nadam';
    });
    expect(await failure(() => loadModel(nadam))).toMatch(/: the training configuration cannot be restored \(.*Nadam.*\); load with \{ compile: false \} to skip it/);
    const loaded = await loadModel(nadam, { compile: false });
    expect(loaded.compiled).toBeNull();
    loaded.dispose();
  });

  it('HDF5 files that are not whole Keras models', async () => {
    const model = small();
    const weights = await saveWeights(model);
    model.dispose();
    expect(await failure(() => loadModel(weights))).toMatch(/is a Keras 3 weights file \(\.weights\.h5, no model config\): build the model, then use loadWeights/);
  });
});

describe('loadWeights never half-loads', () => {
  it('a file that fails on its last layer leaves every weight as it was', async () => {
    const target = small();
    fillWeights(target, 1);
    const before = weightValues(target);
    // Same first layer, different last layer: a loader assigning as it reads would change the first.
    const other = new Sequential({ layers: [Input({ shape: [4] }), new Dense({ units: 5 }), new Dense({ units: 3 })] });
    fillWeights(other, 2);
    const file = await saveWeights(other);
    const message = await failure(() => loadWeights(target, file));
    expect(message).toMatch(/loadWeights: .*layer '.*', weight 'kernel' \('layers\/dense_1\/vars\/0'\): the file holds shape \[5, 3\], the model expects \[5, 2\]/);
    expect(weightValues(target)).toEqual(before);
    await expect(loadWeights(target, new Uint8Array([1, 2, 3]))).rejects.toThrow(/loadWeights: .*is not a weights file/);
    other.dispose();
    target.dispose();
  });
});

describe('a failing save leaves the previous file intact', () => {
  it('when the target cannot be replaced, and when the model fails half way', async () => {
    const { dir, remove } = tempDir();
    try {
      const path = join(dir, 'model.keras');
      const first = small();
      fillWeights(first, 3);
      await saveModel(first, path);
      const good = readFileSync(path);

      // A model whose weight was freed cannot be saved: the error comes before anything is written.
      const broken = small();
      broken.layers[0].weights[0].variable.dispose();
      await expect(saveModel(broken, path)).rejects.toThrow(/^saveModel: the value of layer '.*', weight 'kernel' cannot be read: .*disposed/);
      expect(readFileSync(path)).toEqual(good);
      expect(readdirSync(dir)).toEqual(['model.keras']);
      broken.dispose();

      // A directory where the file goes: an error naming the path, the directory is left alone.
      const blocked = join(dir, 'blocked.keras');
      mkdirSync(blocked);
      await expect(saveModel(first, blocked)).rejects.toThrow(new RegExp(`^saveModel: '${blocked}': cannot be written \\(any previous file is left as it was\\)`));
      expect(readdirSync(blocked)).toEqual([]);
      rmSync(blocked, { recursive: true });

      // A missing directory: an error naming the path, and no file appears.
      const nowhere = join(dir, 'missing', 'model.keras');
      await expect(saveModel(first, nowhere)).rejects.toThrow(`saveModel: '${nowhere}': cannot be written`);
      expect(existsSync(nowhere)).toBe(false);

      // The previous file still loads.
      const back = await loadModel(path);
      expect(weightValues(back)).toEqual(weightValues(first));
      back.dispose();
      first.dispose();
    } finally {
      remove();
    }
  });
});
