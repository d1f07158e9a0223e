import '@neurite/backend-cpu';
import { createServer, type Server } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync, type UnzipFileInfo } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchNormalization, Conv2D, Dense, Dropout, Flatten, Input, LayerNormalization } from '@neurite/layers';
import { tensor, type Tensor } from '@neurite/tensor';
import { Model, Sequential } from '../src/models/index.js';
import { Adam, ExponentialDecay, SGD } from '../src/optimizers/index.js';
import { loadModel, saveModel } from '../src/saving/keras-archive/index.js';
import { exactlyEqual, fillWeights, tempDir, weightValues } from './saving-archive-helpers.js';
import { matrix } from './model-helpers.js';

function convNet(): Sequential {
  return new Sequential({
    layers: [
      Input({ shape: [6, 6, 2] }),
      new Conv2D({ filters: 3, kernelSize: 3, activation: 'relu' }),
      new BatchNormalization(),
      new Flatten(),
      new Dropout({ rate: 0.3 }),
      new Dense({ units: 4, activation: 'softmax' }),
    ],
  });
}

/** A graph with a nested Sequential, a layer used twice and two outputs. */
function branchyModel(): Model {
  const input = Input({ shape: [8] });
  const shared = new Dense({ units: 8, activation: 'tanh' });
  const inner = new Sequential({ layers: [Input({ shape: [8] }), new Dense({ units: 8 }), new BatchNormalization(), new LayerNormalization()] });
  const h = shared.apply(input);
  const deep = shared.apply(inner.apply(h));
  const a = new Dense({ units: 3, activation: 'softmax', name: 'kind' }).apply(deep);
  const b = new Dense({ units: 1, name: 'score' }).apply(h);
  return new Model({ inputs: input, outputs: [a, b] });
}

const x4 = () => tensor(Float32Array.from({ length: 5 * 6 * 6 * 2 }, (_, i) => Math.sin(i)), [5, 6, 6, 2]);

describe('saveModel / loadModel round trips', () => {
  it('a Sequential convnet with BatchNormalization comes back predicting exactly the same', async () => {
    const original = convNet();
    fillWeights(original, 1);
    const { dir, remove } = tempDir();
    try {
      const path = join(dir, 'convnet.keras');
      const bytes = await saveModel(original, path);
      expect(readFileSync(path)).toEqual(Buffer.from(bytes));
      // Only the archive is left: the temporary file was renamed over the target.
      expect(readdirSync(dir)).toEqual(['convnet.keras']);
      const loaded = await loadModel(path);
      expect(loaded).toBeInstanceOf(Sequential);
      expect(loaded.layers.map((l) => `${l.className}:${l.name}`)).toEqual(original.layers.map((l) => `${l.className}:${l.name}`));
      expect(weightValues(loaded)).toEqual(weightValues(original));
      expect(exactlyEqual(loaded.predict(x4()) as Tensor, original.predict(x4()) as Tensor)).toBe(true);
      loaded.dispose();
    } finally {
      remove();
      original.dispose();
    }
  });

  it('a functional model with a nested Sequential, a shared layer and two outputs round-trips exactly', async () => {
    const original = branchyModel();
    fillWeights(original, 2);
    const loaded = await loadModel(await saveModel(original));
    expect(loaded.outputNames).toEqual(['kind', 'score']);
    expect(weightValues(loaded)).toEqual(weightValues(original));
    const x = tensor(matrix(6, 8, 3));
    const [a1, b1] = original.predict(x) as Tensor[];
    const [a2, b2] = loaded.predict(x) as Tensor[];
    expect(exactlyEqual(a1, a2)).toBe(true);
    expect(exactlyEqual(b1, b2)).toBe(true);
    loaded.dispose();
    original.dispose();
  });

  it('writes the archive as Keras does: three members stored uncompressed, metadata.json, compile_config', async () => {
    const model = convNet();
    model.compile({ optimizer: new Adam({ learningRate: 0.005, beta1: 0.8 }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const bytes = await saveModel(model);
    const methods: Record<string, number> = {};
    const files = unzipSync(bytes, {
      filter: (f: UnzipFileInfo) => {
        methods[f.name] = f.compression;
        return true;
      },
    });
    expect(Object.keys(files)).toEqual(['metadata.json', 'config.json', 'model.weights.h5']);
    expect(methods).toEqual({ 'metadata.json': 0, 'config.json': 0, 'model.weights.h5': 0 });
    const metadata = JSON.parse(strFromU8(files['metadata.json']));
    expect(metadata.keras_version).toBe('3.x-compatible neurite');
    expect(metadata.date_saved).toMatch(/^\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d$/);
    const config = JSON.parse(strFromU8(files['config.json']));
    expect(config.class_name).toBe('Sequential');
    expect(config.compile_config).toMatchObject({
      optimizer: { module: 'keras.optimizers', class_name: 'Adam', config: { learning_rate: 0.005, beta_1: 0.8, beta_2: 0.999 } },
      loss: { module: 'keras.losses', class_name: 'CategoricalCrossentropy' },
      metrics: ['accuracy'],
      loss_weights: null,
    });
    // An uncompiled model has no compile_config.
    const plain = JSON.parse(strFromU8(unzipSync(await saveModel(convNet()))['config.json']));
    expect(plain.compile_config ?? null).toBeNull();
    model.dispose();
  });

  it('restores the training configuration unless asked not to', async () => {
    const model = branchyModel();
    model.compile({ optimizer: new Adam({ learningRate: 0.02, amsgrad: true }), loss: { kind: 'sparseCategoricalCrossentropy', score: 'mse' }, metrics: { kind: ['accuracy'], score: ['mae'] }, lossWeights: { kind: 1, score: 0.5 } });
    const bytes = await saveModel(model);
    const loaded = await loadModel(bytes);
    const compiled = loaded.compiled!;
    expect(compiled.optimizer.className).toBe('Adam');
    expect(compiled.optimizer.getConfig()).toMatchObject({ learningRate: 0.02, amsgrad: true, beta1: 0.9 });
    expect(compiled.outputs.map((o) => [o.name, o.loss?.className, o.weight, o.metrics.map((m) => m.key)])).toEqual([
      ['kind', 'SparseCategoricalCrossentropy', 1, ['kind_accuracy']],
      ['score', 'MeanSquaredError', 0.5, ['score_mae']],
    ]);
    // It trains.
    const history = await loaded.fit(tensor(matrix(8, 8, 4)), [tensor([0, 1, 2, 0, 1, 2, 0, 1]), tensor(matrix(8, 1, 5))], { epochs: 1, verbose: 0 });
    expect(Number.isFinite(history.history.loss[0])).toBe(true);
    // A learning-rate schedule is written as Keras's nested object and read back.
    const scheduled = convNet();
    scheduled.compile({ optimizer: new SGD({ learningRate: new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9 }), momentum: 0.9 }), loss: 'categorical_crossentropy' });
    const scheduledBytes = await saveModel(scheduled);
    expect(JSON.parse(strFromU8(unzipSync(scheduledBytes)['config.json'])).compile_config.optimizer.config.learning_rate).toMatchObject({
      module: 'keras.optimizers.schedules', class_name: 'ExponentialDecay', config: { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.9 },
    });
    const rescheduled = await loadModel(scheduledBytes);
    expect(rescheduled.compiled!.optimizer.getConfig()).toMatchObject({
      momentum: 0.9, learningRate: { className: 'ExponentialDecay', config: { initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9 } },
    });
    scheduled.dispose();
    rescheduled.dispose();
    const bare = await loadModel(bytes, { compile: false });
    expect(bare.compiled).toBeNull();
    for (const m of [model, loaded, bare]) m.dispose();
  });
});

describe('sources', () => {
  let server: Server;
  let base = '';
  let archive: Uint8Array;
  let original: Sequential;

  beforeAll(async () => {
    original = convNet();
    fillWeights(original, 7);
    archive = await saveModel(original);
    server = createServer((req, res) => {
      if (req.url === '/model.keras') {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(archive.byteLength) });
        // In pieces, a little apart, so progress has several steps.
        const step = Math.ceil(archive.byteLength / 5);
        const send = (i: number): void => {
          if (i >= archive.byteLength) return void res.end();
          res.write(archive.subarray(i, i + step));
          setTimeout(() => send(i + step), 10);
        };
        send(0);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => {
    server.close();
    original.dispose();
  });

  const expectSame = (model: Model) => {
    expect(weightValues(model)).toEqual(weightValues(original));
    model.dispose();
  };

  it('reads an ArrayBuffer, a Uint8Array view inside a larger buffer, a Blob and a File', async () => {
    expectSame(await loadModel(archive.slice().buffer));
    const padded = new Uint8Array(archive.byteLength + 16);
    padded.set(archive, 7);
    expectSame(await loadModel(padded.subarray(7, 7 + archive.byteLength)));
    expectSame(await loadModel(new Blob([archive.slice()])));
    expectSame(await loadModel(new File([archive.slice()], 'browser-upload.keras')));
  });

  it('reads a path, a file: URL and an http URL, reporting progress up to 1', async () => {
    const { dir, remove } = tempDir();
    try {
      const path = join(dir, 'm.keras');
      await saveModel(original, path);
      const fractions: number[] = [];
      expectSame(await loadModel(path, { onProgress: (f) => fractions.push(f) }));
      expect(fractions[fractions.length - 1]).toBe(1);
      expectSame(await loadModel(pathToFileURL(path)));
      expectSame(await loadModel(pathToFileURL(path).href));
    } finally {
      remove();
    }
    const fractions: number[] = [];
    expectSame(await loadModel(`${base}/model.keras`, { onProgress: (f) => fractions.push(f) }));
    expect(fractions.length).toBeGreaterThan(2);
    expect(fractions.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]))).toBe(true);
    expect(fractions[fractions.length - 1]).toBe(1);
  });

  it('names the URL, the path or the argument when a source cannot be read', async () => {
    await expect(loadModel(`${base}/missing.keras`)).rejects.toThrow(`loadModel: '${base}/missing.keras': cannot be fetched: HTTP 404`);
    await expect(loadModel('/no/such/dir/model.keras')).rejects.toThrow("loadModel: '/no/such/dir/model.keras': cannot be read: ENOENT");
    await expect(loadModel(42 as never)).rejects.toThrow(/loadModel: source must be a file path, a URL, an ArrayBuffer or Uint8Array, or a File \/ Blob/);
    await expect(saveModel(original, 17 as never)).rejects.toThrow(/saveModel: target must be a file path/);
    await expect(saveModel({} as never)).rejects.toThrow(/saveModel: model must be a Model or Sequential/);
  });

  it('creates no file when no target is given', async () => {
    const { dir, remove } = tempDir();
    try {
      expect(await saveModel(original)).toBeInstanceOf(Uint8Array);
      expect(existsSync(dir) && readdirSync(dir)).toEqual([]);
    } finally {
      remove();
    }
  });
});
