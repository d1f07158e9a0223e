import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { layers, loadModel, loadTfjsModel, modelFromJSON, sequential, tensor, type Tensor } from '../src/index.js';

// The saving functions as users reach them: from the package's one import and as Model methods.
describe('saving through the public API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'neurite-saving-api-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const build = () =>
    sequential({
      layers: [
        layers.dense({ units: 4, activation: 'relu', inputShape: [3], kernelInitializer: { className: 'GlorotUniform', config: { seed: 1 } } }),
        layers.dropout({ rate: 0.5 }),
        layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
  const x = tensor([[1, 2, 3], [-1, 0.5, 2]]);
  const predict = (m: { predict(t: Tensor): Tensor | Tensor[] }) => Array.from((m.predict(x) as Tensor).dataSync());

  it('model.save() and loadModel() round trip a .keras file with equal predictions', async () => {
    const model = build();
    const path = join(dir, 'mlp.keras');
    await model.save(path);
    const loaded = await loadModel(path);
    expect(predict(loaded)).toEqual(predict(model));
    expect(loaded.countParams()).toBe(model.countParams());
  });

  it('model.toJSON() gives Keras JSON that modelFromJSON() rebuilds', () => {
    const model = build();
    const json = model.toJSON();
    const parsed = JSON.parse(json) as { class_name: string; config: { layers: { class_name: string }[] } };
    expect(parsed.class_name).toBe('Sequential');
    expect(parsed.config.layers.map((l) => l.class_name)).toEqual(['InputLayer', 'Dense', 'Dropout', 'Dense']);
    const rebuilt = modelFromJSON(json);
    expect(rebuilt.countParams()).toBe(model.countParams());
  });

  it('model.saveWeights() and model.loadWeights() copy weights into an equal model', async () => {
    const a = build();
    const b = build();
    const bytes = await a.saveWeights();
    await b.loadWeights(bytes);
    expect(predict(b)).toEqual(predict(a));
  });

  it('model.saveTfjs() writes the TensorFlow.js format that loadTfjsModel() reads', async () => {
    const model = build();
    await model.saveTfjs(join(dir, 'tfjs'));
    const loaded = await loadTfjsModel(join(dir, 'tfjs', 'model.json'));
    expect(predict(loaded)).toEqual(predict(model));
  });
});
