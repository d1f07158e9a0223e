import '@neurite/backend-cpu';
import '@neurite/backend-wasm';
import { describe, expect, it } from 'vitest';
import { loadMnist } from '@neurite/datasets';
import { dispose, memory, reshape, setBackend, setSeed } from '@neurite/tensor';
import { l2 } from '@neurite/regularizers';
import { Dense, Dropout, InputLayer, LSTM } from '@neurite/layers';
import { Adam } from '../src/optimizers/index.js';
import { Sequential } from '../src/models/index.js';

// End to end on real data: the mnist package's digits, 8,000 to train and 2,000 held out, on the CPU
// backend and on the WebAssembly backend (all threads), with fixed seeds and a fixed number of epochs.
describe('MNIST end to end', () => {
  it.each(['cpu', 'wasm'])('on %s, an MLP with Dropout and L2 reaches at least 95 percent test accuracy', async (name) => {
    await setBackend(name);
    setSeed(2024);
    const { train, test } = loadMnist({ trainSize: 8000, seed: 0 });
    const before = memory().numTensors;
    const model = new Sequential({
      layers: [
        new InputLayer({ inputShape: [784] }),
        new Dense({ units: 256, activation: 'relu', kernelRegularizer: l2({ l2: 1e-4 }), kernelInitializer: { className: 'GlorotUniform', config: { seed: 1 } } }),
        new Dropout({ rate: 0.3, seed: 2 }),
        new Dense({ units: 10, activation: 'softmax', kernelRegularizer: l2({ l2: 1e-4 }), kernelInitializer: { className: 'GlorotUniform', config: { seed: 3 } } }),
      ],
    });
    const optimizer = new Adam({ learningRate: 1e-3 });
    model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const history = await model.fit(train.x, train.y, { epochs: 8, batchSize: 64, verbose: 0, seed: 5 });
    const result = (await model.evaluate(test.x, test.y, { batchSize: 500, verbose: 0 })) as Record<string, number>;
    console.log(`MNIST MLP on ${name}: test accuracy ${(result.accuracy * 100).toFixed(2)}%, loss per epoch ${history.history.loss.map((l) => l.toFixed(3)).join(' ')}`);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.95);
    // training loss (which includes the L2 penalty) falls epoch after epoch at the start
    expect(history.history.loss[1]).toBeLessThan(history.history.loss[0]);
    // nothing outlives the model and its optimizer's slots
    model.dispose();
    optimizer.dispose();
    expect(memory().numTensors).toBe(before);
    dispose([train, test]);
  });

  it('on wasm, an LSTM with dropout and recurrentDropout reads the digits row by row and learns them', async () => {
    // The README's example (LSTM(128), 12 epochs: 97.80%) made small enough for every test run.
    await setBackend('wasm');
    setSeed(2024);
    const { train, test } = loadMnist({ trainSize: 8000, seed: 0 });
    const rows = (x: typeof train.x) => reshape(x, [x.shape[0], 28, 28]);
    const [trainX, testX] = [rows(train.x), rows(test.x)];
    const model = new Sequential({
      layers: [
        new InputLayer({ inputShape: [28, 28] }),
        new LSTM({ units: 48, dropout: 0.1, recurrentDropout: 0.1, seed: 1, kernelInitializer: { className: 'GlorotUniform', config: { seed: 2 } }, recurrentInitializer: { className: 'Orthogonal', config: { seed: 3 } } }),
        new Dense({ units: 10, activation: 'softmax', kernelInitializer: { className: 'GlorotUniform', config: { seed: 4 } } }),
      ],
    });
    const optimizer = new Adam({ learningRate: 3e-3 });
    model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const history = await model.fit(trainX, train.y, { epochs: 4, batchSize: 64, verbose: 0, seed: 5 });
    const result = (await model.evaluate(testX, test.y, { batchSize: 500, verbose: 0 })) as Record<string, number>;
    console.log(`MNIST rows LSTM on wasm: test accuracy ${(result.accuracy * 100).toFixed(2)}%, loss per epoch ${history.history.loss.map((l) => l.toFixed(3)).join(' ')}`);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(history.history.loss[3]).toBeLessThan(history.history.loss[0]);
    model.dispose();
    optimizer.dispose();
    dispose([train, test, trainX, testX]);
  });
});
