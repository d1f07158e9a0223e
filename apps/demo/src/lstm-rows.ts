// An LSTM reads each MNIST digit as a sequence of its 28 rows (28 pixels per step) and classifies it,
// with Keras's recurrent dropout: `dropout` on the inputs and `recurrentDropout` on the state, one
// seeded mask per sequence reused at every step.
import { loadMnist } from '@neurite/datasets';
import { getBackend, layers, optimizers, reshape, sequential, setSeed } from 'neurite';

const EPOCHS = Number(process.env.LSTM_EPOCHS ?? 12);
const BATCH_SIZE = 64;

setSeed(7);
const { train, test } = loadMnist({ trainSize: 8000, seed: 0 });
const rows = (x: typeof train.x) => reshape(x, [x.shape[0], 28, 28]);
const [trainX, testX] = [rows(train.x), rows(test.x)];
console.log(`Neurite on the '${getBackend()}' backend: MNIST rows as 28-step sequences, ${train.labels.length} training digits, ${test.labels.length} held out\n`);

const model = sequential({
  name: 'mnist_rows_lstm',
  layers: [
    layers.inputLayer({ inputShape: [28, 28] }),
    layers.lstm({ units: 128, dropout: 0.1, recurrentDropout: 0.1, seed: 1 }),
    layers.dense({ units: 10, activation: 'softmax' }),
  ],
});
model.compile({ optimizer: optimizers.adam({ learningRate: 2e-3 }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.summary();
const started = performance.now();
await model.fit(trainX, train.y, { epochs: EPOCHS, batchSize: BATCH_SIZE, verbose: 1, seed: 3, validationData: [testX, test.y] });
const seconds = (performance.now() - started) / 1000;
const result = await model.evaluate(testX, test.y, { batchSize: 500, verbose: 0 });
const accuracy = typeof result === 'number' ? NaN : result.accuracy;
console.log(`\nheld-out accuracy after ${EPOCHS} epochs: ${(accuracy * 100).toFixed(2)}% (training took ${seconds.toFixed(0)} s)`);
model.dispose();
