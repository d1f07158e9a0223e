import * as nt from '@neurite/keras';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/** One library on one backend, able to run each benchmark case once (and wait for its result). */
export interface Contender {
  name: string;
  /** Runs before this contender's cases. */
  activate(): Promise<void>;
  /** Square n x n float32 matMul of fixed random inputs; resolves when the result is read back. */
  matMul(n: number): Promise<() => Promise<void>>;
  /** Inverted dropout (rate 0.5) forward and its gradient over `size` float32 values. */
  dropout(size: number): Promise<() => Promise<void>>;
  /** One training step (forward, backward, Adam update) of the reference MLP on one batch. */
  mlpTrainStep(batchSize: number): Promise<() => Promise<void>>;
}

/** The reference MLP of the benchmark: 784-512-512-10, ReLU, Dropout 0.5, L2 1e-4, Adam, softmax. */
export const MLP = { inputs: 784, hidden: 512, classes: 10, dropout: 0.5, l2: 1e-4, learningRate: 1e-3 };

function oneHotBatch(batchSize: number): Float32Array {
  const y = new Float32Array(batchSize * MLP.classes);
  for (let i = 0; i < batchSize; i++) y[i * MLP.classes + (i % MLP.classes)] = 1;
  return y;
}

function randomValues(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let s = seed >>> 0;
  for (let i = 0; i < size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}

export const neuriteCpu: Contender = {
  name: 'neurite cpu',
  async activate() {
    await nt.setBackend('cpu');
  },
  async matMul(n) {
    const a = nt.tensor(randomValues(n * n, 1), [n, n]);
    const b = nt.tensor(randomValues(n * n, 2), [n, n]);
    return async () => {
      const c = nt.matMul(a, b);
      await c.data();
      c.dispose();
    };
  },
  async dropout(size) {
    const x = nt.tensor(randomValues(size, 3), [size]);
    const gen = new nt.SeedGenerator(7);
    const f = (t: nt.Tensor) => nt.dropout(t, 0.5, { seed: gen });
    return async () => {
      const g = nt.tidy(() => nt.grad((t) => f(t).sum())(x));
      await g.data();
      g.dispose();
    };
  },
  async mlpTrainStep(batchSize) {
    const { layers, regularizers, sequential, optimizers } = nt;
    const reg = () => regularizers.l2({ l2: MLP.l2 });
    const model = sequential({
      layers: [
        layers.inputLayer({ inputShape: [MLP.inputs] }),
        layers.dense({ units: MLP.hidden, activation: 'relu', kernelRegularizer: reg() }),
        layers.dropout({ rate: MLP.dropout, seed: 1 }),
        layers.dense({ units: MLP.hidden, activation: 'relu', kernelRegularizer: reg() }),
        layers.dropout({ rate: MLP.dropout, seed: 2 }),
        layers.dense({ units: MLP.classes, activation: 'softmax', kernelRegularizer: reg() }),
      ],
    });
    model.compile({ optimizer: optimizers.adam({ learningRate: MLP.learningRate }), loss: 'categoricalCrossentropy' });
    const x = nt.tensor(randomValues(batchSize * MLP.inputs, 4), [batchSize, MLP.inputs]);
    const y = nt.tensor(oneHotBatch(batchSize), [batchSize, MLP.classes]);
    return async () => {
      model.trainOnBatch(x, y);
    };
  },
};

function tfContender(backend: 'cpu' | 'wasm'): Contender {
  return {
    name: `tfjs ${backend}`,
    async activate() {
      await tf.setBackend(backend);
      await tf.ready();
    },
    async matMul(n) {
      const a = tf.tensor2d(randomValues(n * n, 1), [n, n]);
      const b = tf.tensor2d(randomValues(n * n, 2), [n, n]);
      return async () => {
        const c = tf.matMul(a, b);
        await c.data();
        c.dispose();
      };
    },
    async dropout(size) {
      const x = tf.tensor1d(randomValues(size, 3));
      const f = (t: tf.Tensor) => tf.dropout(t, 0.5);
      return async () => {
        const g = tf.tidy(() => tf.grad((t: tf.Tensor) => f(t).sum())(x));
        await g.data();
        g.dispose();
      };
    },
    async mlpTrainStep(batchSize) {
      const reg = () => tf.regularizers.l2({ l2: MLP.l2 });
      const model = tf.sequential({
        layers: [
          tf.layers.dense({ units: MLP.hidden, activation: 'relu', kernelRegularizer: reg(), inputShape: [MLP.inputs] }),
          tf.layers.dropout({ rate: MLP.dropout }),
          tf.layers.dense({ units: MLP.hidden, activation: 'relu', kernelRegularizer: reg() }),
          tf.layers.dropout({ rate: MLP.dropout }),
          tf.layers.dense({ units: MLP.classes, activation: 'softmax', kernelRegularizer: reg() }),
        ],
      });
      model.compile({ optimizer: tf.train.adam(MLP.learningRate), loss: 'categoricalCrossentropy' });
      const x = tf.tensor2d(randomValues(batchSize * MLP.inputs, 4), [batchSize, MLP.inputs]);
      const y = tf.tensor2d(oneHotBatch(batchSize), [batchSize, MLP.classes]);
      return async () => {
        await model.trainOnBatch(x, y);
      };
    },
  };
}

export const contenders: Contender[] = [neuriteCpu, tfContender('cpu'), tfContender('wasm')];
