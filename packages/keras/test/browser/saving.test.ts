// Runs in headless Chromium (`pnpm --filter @neurite/keras test:browser`): model files in the browser,
// where there are no paths, h5wasm runs its browser build on an in-memory file system, and the HDF5
// code is loaded only when the first file is read or written.
import { expect, it } from 'vitest';
import {
  NeuriteError, getBackend, layers, loadModel, loadTfjsModel, saveModel, saveTfjsModel, sequential, tensor, type Model, type Tensor,
} from '../../src/index.js';

function trainedModel() {
  const model = sequential({
    layers: [
      layers.dense({ units: 8, activation: 'relu', inputShape: [4], kernelInitializer: { className: 'GlorotUniform', config: { seed: 3 } } }),
      layers.dropout({ rate: 0.25, seed: 1 }),
      layers.dense({ units: 2, activation: 'softmax', kernelInitializer: { className: 'GlorotUniform', config: { seed: 4 } } }),
    ],
  });
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  return model;
}

const x = () => tensor([[0.1, 0.2, 0.3, 0.4], [1, -1, 0.5, 0], [0, 0, 0, 1]]);

async function predictions(model: Model): Promise<number[]> {
  const y = model.predict(x()) as Tensor;
  const values = Array.from(await y.data());
  y.dispose();
  return values;
}

it('a .keras archive saved in the page loads back (bytes, Blob, File) and predicts the same', async () => {
  expect(getBackend()).toBe('wasm');
  const model = trainedModel();
  await model.fit(x(), tensor([[1, 0], [0, 1], [1, 0]]), { epochs: 3, verbose: 0, seed: 1 });
  const expected = await predictions(model);
  const bytes = await saveModel(model);
  expect(bytes.byteLength).toBeGreaterThan(1000);
  for (const source of [bytes, new Blob([bytes]), new File([bytes], 'model.keras')]) {
    const back = await loadModel(source);
    expect(await predictions(back)).toEqual(expected);
    // The optimizer's state came along: training resumes where it stopped.
    expect(back.optimizer?.iterations).toBe(model.optimizer?.iterations);
    back.dispose();
  }
  model.dispose();
});

it('the TensorFlow.js format round-trips in memory', async () => {
  const model = trainedModel();
  const expected = await predictions(model);
  const files = await saveTfjsModel(model);
  const back = await loadTfjsModel({ modelJson: files.modelJson, weights: files.weightData });
  expect(await predictions(back)).toEqual(expected);
  back.dispose();
  model.dispose();
});

it('a corrupt file is a named error, not a crash of the page', async () => {
  const bytes = await saveModel(trainedModel());
  const cut = bytes.subarray(0, Math.floor(bytes.byteLength / 2));
  const error = await loadModel(new File([cut], 'broken.keras')).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(NeuriteError);
  expect((error as Error).message).toMatch(/^loadModel: 'broken\.keras': /);
});
