// The main job: train the same MLP (784-512-512-10, ReLU) on real MNIST digits twice, without
// regularization and with Dropout 0.5 plus L2 1e-4, and compare how well each generalises.
import { loadMnist } from '@neurite/datasets';
import { backend, getBackend, layers, optimizers, regularizers, sequential, setSeed, type Model } from 'neurite';

const EPOCHS = Number(process.env.DEMO_EPOCHS ?? 8);
const BATCH_SIZE = 128;

function buildMlp(regularized: boolean): Model {
  const kernelRegularizer = regularized ? regularizers.l2({ l2: 1e-4 }) : null;
  const hidden = (seed: number) =>
    layers.dense({ units: 512, activation: 'relu', kernelRegularizer, kernelInitializer: { className: 'GlorotUniform', config: { seed } } });
  const dropout = (seed: number) => (regularized ? [layers.dropout({ rate: 0.5, seed })] : []);
  return sequential({
    name: regularized ? 'mlp_dropout_l2' : 'mlp_plain',
    layers: [
      layers.inputLayer({ inputShape: [784] }),
      hidden(11),
      ...dropout(1),
      hidden(12),
      ...dropout(2),
      layers.dense({ units: 10, activation: 'softmax', kernelRegularizer, kernelInitializer: { className: 'GlorotUniform', config: { seed: 13 } } }),
    ],
  });
}

setSeed(7);
const { train, test } = loadMnist({ trainSize: 8000, seed: 0 });
console.log(`Neurite on the '${getBackend()}' backend (the fastest registered backend that starts here)${describeBackend()}`);
console.log(`MNIST from the mnist package: ${train.labels.length} training digits, ${test.labels.length} held out\n`);

const rows: { name: string; train: number; test: number; seconds: number }[] = [];
for (const regularized of [false, true]) {
  const model = buildMlp(regularized);
  const title = regularized ? 'MLP with Dropout 0.5 + L2 1e-4' : 'MLP without regularization';
  console.log(`== ${title} ==`);
  model.compile({ optimizer: optimizers.adam({ learningRate: 1e-3 }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const started = performance.now();
  await model.fit(train.x, train.y, { epochs: EPOCHS, batchSize: BATCH_SIZE, verbose: 1, seed: 3 });
  const seconds = (performance.now() - started) / 1000;
  const trainAccuracy = accuracyOf(await model.evaluate(train.x, train.y, { batchSize: 500, verbose: 0 }));
  const testAccuracy = accuracyOf(await model.evaluate(test.x, test.y, { batchSize: 500, verbose: 0 }));
  rows.push({ name: title, train: trainAccuracy, test: testAccuracy, seconds });
  model.dispose();
  console.log();
}

/** The wasm backend's threads and SIMD build, or why it fell back (other backends: nothing to add). */
function describeBackend(): string {
  const b = backend() as { threads?: number; simd?: string; threadsReason?: string | null };
  if (b.threads === undefined) return '';
  return `: ${b.threads} thread${b.threads === 1 ? '' : 's'}, ${b.simd === 'relaxed' ? 'relaxed SIMD' : 'SIMD128'}${b.threadsReason ? ` (${b.threadsReason})` : ''}`;
}

function accuracyOf(result: number | Record<string, number>): number {
  if (typeof result === 'number') throw new Error('evaluate returned no accuracy: compile with metrics: [\'accuracy\']');
  return result.accuracy;
}

const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
const header = ['model', 'train accuracy', 'test accuracy', 'gap (train - test)', 'training time'];
const table = rows.map((r) => [r.name, pct(r.train), pct(r.test), `${((r.train - r.test) * 100).toFixed(2)} points`, `${r.seconds.toFixed(1)} s`]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
table.forEach((row) => console.log(line(row)));
