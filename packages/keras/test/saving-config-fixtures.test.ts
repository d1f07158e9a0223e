import '@neurite/backend-cpu';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Sequential } from '../src/models/index.js';
import { modelFromKerasJSON, modelToKerasJSON } from '../src/saving/config/index.js';
import { plain } from './saving-config-helpers.js';

// The two real Keras 3 files beside the repository (see ../shared/fixtures/keras/README.md).
const fixtures = new URL('../../../../shared/fixtures/keras/', import.meta.url);
const exists = existsSync(fileURLToPath(fixtures));
if (!exists) console.warn(`saving-config-fixtures: skipped, ${fileURLToPath(fixtures)} is absent (the shared Keras fixtures are not checked out)`);

function configOf(file: string): { config: Record<string, unknown>; metadata: Record<string, unknown> } {
  const files = unzipSync(readFileSync(fileURLToPath(new URL(file, fixtures))));
  return { config: JSON.parse(strFromU8(files['config.json'])), metadata: JSON.parse(strFromU8(files['metadata.json'])) };
}

describe.skipIf(!exists)('config.json of real Keras 3 files', () => {
  it('mnist-mlp-dropout.keras (Keras 3.10, dtype policies as objects) builds the 104,938-parameter MLP', () => {
    const { config, metadata } = configOf('mnist-mlp-dropout.keras');
    expect(metadata.keras_version).toBe('3.10.0');
    const model = modelFromKerasJSON(config, { source: 'mnist-mlp-dropout.keras' });
    expect(model).toBeInstanceOf(Sequential);
    expect(model.name).toBe('sequential');
    expect(model.countParams()).toBe(104_938);
    expect(model.inputs[0].shape).toEqual([null, 28, 28]);
    expect(model.inputs[0].node.layer.name).toBe('input_layer');
    expect(model.layers.map((l) => `${l.className}:${l.name}`)).toEqual([
      'Flatten:flatten', 'Dense:dense', 'Dropout:dropout', 'Dense:dense_1', 'Dropout:dropout_1', 'Dense:dense_2',
    ]);
    const dense = model.getLayer('dense_1').getConfig();
    expect(dense).toMatchObject({
      units: 32, activation: 'relu', useBias: true, dtype: 'float32', trainable: true,
      kernelInitializer: { className: 'GlorotUniform', config: { seed: null } },
      biasInitializer: { className: 'Zeros', config: {} },
      kernelRegularizer: null,
    });
    expect(model.getLayer('dropout').getConfig()).toMatchObject({ rate: 0.2, seed: null, noiseShape: null });
    expect(model.outputs[0].shape).toEqual([null, 10]);
    model.dispose();
  });

  it('mnist-convnet-keras3.1.keras (Keras 3.1, dtype as strings) builds the 34,826-parameter convnet', () => {
    const { config, metadata } = configOf('mnist-convnet-keras3.1.keras');
    expect(metadata.keras_version).toBe('3.1.1');
    const model = modelFromKerasJSON(config, { source: 'mnist-convnet-keras3.1.keras' });
    expect(model.countParams()).toBe(34_826);
    expect(model.layers.map((l) => l.className)).toEqual(['Conv2D', 'MaxPooling2D', 'Conv2D', 'MaxPooling2D', 'Flatten', 'Dropout', 'Dense']);
    expect(model.getLayer('conv2d_1').getConfig()).toMatchObject({
      filters: 64, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', dataFormat: 'channelsLast', dilationRate: [1, 1], groups: 1, activation: 'relu',
    });
    expect(model.getLayer('max_pooling2d').getConfig()).toMatchObject({ poolSize: [2, 2], strides: [2, 2], padding: 'valid' });
    // Keras's own build_config records each layer's input shape: ours must agree.
    const layers = (config.config as { layers: { config: { name: string }; build_config?: { input_shape: unknown } }[] }).layers;
    for (const entry of layers.slice(1)) {
      if (!entry.build_config) continue;
      const node = model.getLayer(entry.config.name).inboundNodes[0];
      expect([...node.inputs[0].shape]).toEqual(entry.build_config.input_shape);
    }
    model.dispose();
  });

  it("writes back Keras's own config.json (Keras 3.10's) key for key, apart from the training config", () => {
    const { config } = configOf('mnist-mlp-dropout.keras');
    const model = modelFromKerasJSON(config);
    const written = modelToKerasJSON(model);
    // Keras shares one dtype policy object between layers by shared_object_id: bookkeeping, not meaning.
    const strip = (v: unknown): unknown =>
      JSON.parse(JSON.stringify(v, (k, value) => (k === 'shared_object_id' || k === 'compile_config' ? undefined : value)));
    const expected = strip(config) as Record<string, unknown>;
    // Keras 3.10 also writes InputLayer's `ragged: false`; Neurite leaves it out so that Keras 3.1 can read the file.
    const layers = (expected.config as { layers: { config: Record<string, unknown> }[] }).layers;
    delete layers[0].config.ragged;
    // Keras writes no build_config for Dropout (its build never runs); Neurite records every built layer's.
    for (const entry of (written.config as { layers: Record<string, unknown>[] }).layers) {
      if (entry.class_name === 'Dropout') delete entry.build_config;
    }
    expect(strip(written)).toEqual(expected);
    model.dispose();
  });

  it('writes every layer of the Keras 3.1 convnet with the keys Keras 3.1 wrote (dtype as a policy, as Keras 3.2+ does)', () => {
    const { config } = configOf('mnist-convnet-keras3.1.keras');
    const model = modelFromKerasJSON(config);
    const written = modelToKerasJSON(model);
    type Entry = { class_name: string; config: Record<string, unknown>; build_config?: unknown };
    const theirs = (config.config as { layers: Entry[] }).layers;
    const ours = (written.config as { layers: Entry[] }).layers;
    expect(ours.map((e) => e.class_name)).toEqual(theirs.map((e) => e.class_name));
    ours.forEach((entry, i) => {
      // Keras 3.1's Conv2D also writes activity_regularizer: null; Neurite writes it only when there is one.
      const expectedKeys = Object.keys(theirs[i].config).filter((k) => !(k === 'activity_regularizer' && theirs[i].config[k] === null));
      expect(Object.keys(entry.config).sort(), entry.class_name).toEqual(expectedKeys.sort());
      for (const key of expectedKeys.filter((k) => k !== 'dtype')) expect(entry.config[key], key).toEqual(theirs[i].config[key]);
      if (theirs[i].build_config) expect(entry.build_config).toEqual(theirs[i].build_config);
    });
    const again = modelFromKerasJSON(written);
    expect(again.layers.map((l) => plain(l.getConfig()))).toEqual(model.layers.map((l) => plain(l.getConfig())));
    model.dispose();
    again.dispose();
  });
});
