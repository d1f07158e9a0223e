import '@neurite/backend-cpu';
import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadMnistAll } from '@neurite/datasets';
import { tidy, type Tensor } from '@neurite/tensor';
import type { Model } from '../src/models/index.js';
import { modelFromKerasJSON } from '../src/saving/config/index.js';
import { loadModel } from '../src/saving/keras-archive/index.js';
import { fixturePath, fixturesExist } from './saving-archive-helpers.js';

// Files from newer Keras versions carry config keys Neurite does not know. The readers ignore such a key,
// warning once per class and key (naming the Keras version of metadata.json), when its value is neutral
// (null, false, empty), and refuse it, naming the file, the layer, the key and the value, otherwise.
// The files here are the real Keras 3.10 file of ../shared/fixtures with keys added at every level.

if (!fixturesExist) {
  console.warn('saving-lenient-read: skipped, ../shared/fixtures/keras/ is absent beside the repository (the real Keras 3 files are not checked out)');
}

const MLP = 'mnist-mlp-dropout.keras';
type Json = Record<string, any>;

/** The fixture with its config.json (and optionally metadata.json) changed by `edit`, zipped again. */
function edited(edit: (config: Json, metadata: Json) => void): Uint8Array {
  const files = unzipSync(readFileSync(fixturePath(MLP)));
  const config = JSON.parse(new TextDecoder().decode(files['config.json']));
  const metadata = JSON.parse(new TextDecoder().decode(files['metadata.json']));
  edit(config, metadata);
  return zipSync({ ...files, 'config.json': strToU8(JSON.stringify(config)), 'metadata.json': strToU8(JSON.stringify(metadata)) }, { level: 0 });
}

/** Every place a key can be added, as (where, how): each puts `value` under a key the readers do not know. */
const PLACES: [string, (config: Json, value: unknown) => void][] = [
  ['layer', (c, v) => (c.config.layers[2].config.future_layer_key = v)],
  ['initializer', (c, v) => (c.config.layers[2].config.kernel_initializer.config.input_axes = v)],
  ['regularizer', (c, v) => (c.config.layers[2].config.kernel_regularizer = { module: 'keras.regularizers', class_name: 'L2', config: { l2: 0, future_regularizer_key: v }, registered_name: null })],
  ['constraint', (c, v) => (c.config.layers[4].config.kernel_constraint = { module: 'keras.constraints', class_name: 'MaxNorm', config: { max_value: 1e9, axis: 0, future_constraint_key: v }, registered_name: null })],
  ['optimizer', (c, v) => (c.compile_config.optimizer.config.future_optimizer_key = v)],
  ['loss', (c, v) => (c.compile_config.loss = { module: 'keras.losses', class_name: 'SparseCategoricalCrossentropy', config: { name: 'sparse_categorical_crossentropy', reduction: 'sum_over_batch_size', from_logits: false, future_loss_key: v }, registered_name: null })],
  ['metric', (c, v) => (c.compile_config.metrics = [{ module: 'keras.metrics', class_name: 'SparseCategoricalAccuracy', config: { name: 'sparse_categorical_accuracy', dtype: 'float32', future_metric_key: v }, registered_name: null }])],
  ['compile config', (c, v) => (c.compile_config.future_compile_key = v)],
];

function predictions(model: Model, x: Tensor): number[] {
  return Array.from(tidy(() => model.predict(x) as Tensor).dataSync());
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe.skipIf(!fixturesExist)('reading files from newer Keras versions', () => {
  it('ignores unknown keys at null at every level, one warning each naming the Keras version, and predicts as the real file does', async () => {
    const bytes = edited((config, metadata) => {
      metadata.keras_version = '3.12.0';
      for (const [, put] of PLACES) put(config, null);
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const model = await loadModel(bytes);
    const messages = warn.mock.calls.map((call) => String(call[0]));
    const keys = ['future_layer_key', 'input_axes', 'future_regularizer_key', 'future_constraint_key', 'future_optimizer_key', 'future_loss_key', 'future_metric_key', 'future_compile_key'];
    for (const key of keys) {
      const mine = messages.filter((m) => m.includes(`config key '${key}' (= null) is unknown to Neurite and was ignored`));
      expect(mine, key).toHaveLength(1);
      expect(mine[0]).toContain('(the file was written by Keras 3.12.0)');
    }
    expect(messages).toHaveLength(keys.length);
    expect(messages.find((m) => m.includes('input_axes'))).toMatch(/GlorotUniform config key 'input_axes'/);

    const { x } = loadMnistAll('flat');
    const digits = x.slice([0, 0], [200, 784]).reshape([200, 28, 28]);
    const real = await loadModel(readFileSync(fixturePath(MLP)));
    expect(predictions(model, digits)).toEqual(predictions(real, digits));
    expect(model.compiled?.optimizer.className).toBe('Adam');
    // the same file loaded again warns no more (one warning per file, class and key)
    warn.mockClear();
    const again = await loadModel(bytes);
    expect(warn).not.toHaveBeenCalled();
    [model, real, again].forEach((m) => m.dispose());
  });

  it('treats false and empty lists or records as neutral too', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const value of [false, [], {}]) {
      const model = await loadModel(edited((config) => PLACES[0][1](config, value)));
      model.dispose();
    }
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringMatching(/Dense config key 'future_layer_key' \(= false\) is unknown/),
      expect.stringMatching(/Dense config key 'future_layer_key' \(= \[\]\) is unknown/),
      expect.stringMatching(/Dense config key 'future_layer_key' \(= \{\}\) is unknown/),
    ]);
  });

  it.each(PLACES)('refuses an unknown %s key with a value that may change the maths, naming file, layer, key and value', async (place, put) => {
    const bytes = edited((config, metadata) => {
      metadata.keras_version = '3.12.0';
      put(config, 3);
    });
    const expected = {
      layer: /\(\d+ bytes in memory\): layer 'dense' \(Dense\): Dense config key 'future_layer_key' = 3 is unknown to Neurite, and a value other than null may change what the Dense computes.*Keras 3\.12\.0/,
      initializer: /\(\d+ bytes in memory\): layer 'dense' \(Dense\): kernel_initializer: GlorotUniform config key 'input_axes' = 3 is unknown to Neurite/,
      regularizer: /layer 'dense' \(Dense\): kernel_regularizer: L2 config key 'future_regularizer_key' = 3 is unknown to Neurite/,
      constraint: /layer 'dense_1' \(Dense\): kernel_constraint: MaxNorm config key 'future_constraint_key' = 3 is unknown to Neurite/,
      optimizer: /the training configuration cannot be restored \(.*optimizer: Adam config key 'future_optimizer_key' = 3 is unknown to Neurite.*\); load with \{ compile: false \} to skip it/,
      loss: /the training configuration cannot be restored \(.*loss: SparseCategoricalCrossentropy config key 'future_loss_key' = 3 is unknown to Neurite/,
      metric: /the training configuration cannot be restored \(.*metrics: SparseCategoricalAccuracy config key 'future_metric_key' = 3 is unknown to Neurite/,
      'compile config': /the training configuration cannot be restored \(.*compile config key 'future_compile_key' = 3 is unknown to Neurite/,
    }[place];
    await expect(loadModel(bytes)).rejects.toThrow(expected);
    // the training configuration is optional: without it the model loads
    if (['optimizer', 'loss', 'metric', 'compile config'].includes(place)) (await loadModel(bytes, { compile: false })).dispose();
  });

  it('keeps refusing what Neurite knows and cannot honour: weighted metrics, a non-default known key', async () => {
    await expect(loadModel(edited((config) => (config.compile_config.weighted_metrics = ['accuracy'])))).rejects.toThrow(
      /compile config key 'weighted_metrics' = \["accuracy"\] is not supported \(Neurite has no weighted metrics\)/,
    );
    await expect(loadModel(edited((config) => (config.config.layers[2].config.lora_rank = 4)))).rejects.toThrow(/config key 'lora_rank' = 4 is not supported/);
  });
});

describe('reading a TensorFlow.js topology with an unknown key', () => {
  it('warns with the version the topology names', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const topology = {
      keras_version: 'tfjs-layers 4.99.0',
      model_config: {
        class_name: 'Sequential',
        config: { name: 'm', layers: [{ class_name: 'Dense', config: { name: 'd', units: 2, batch_input_shape: [null, 3], future_tfjs_key: null } }] },
      },
    };
    modelFromKerasJSON(topology, { source: 'model.json' }).dispose();
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      "model.json: Dense config key 'future_tfjs_key' (= null) is unknown to Neurite and was ignored (the file was written by Keras tfjs-layers 4.99.0)",
    ]);
  });
});
