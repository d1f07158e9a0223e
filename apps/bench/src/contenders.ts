import * as jax from '@jax-js/jax';
import { createGpuBackend, type GpuBackend } from '@neurite/backend-gpu';
import { WasmBackend } from '@neurite/backend-wasm';
import * as nt from 'neurite';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/** A prepared case: `run` performs one step and resolves when its result has been read back. */
export type Step = () => Promise<void>;

/** One library on one backend, able to run each benchmark case once (and wait for its result). */
export interface Contender {
  name: string;
  /**
   * Runs before this contender's cases; rejects with the reason when the contender cannot start here.
   * Resolves to what the table should say about it: the GPU mode that runs, and a note (e.g. why an
   * 'auto' backend did not pick a faster mode).
   */
  activate(): Promise<{ mode?: string; note?: string } | null>;
  /** Frees what the cases allocated. */
  deactivate(): Promise<void>;
  /** True for contenders whose steps are slow (the plain-JS gpu.js mode): the bench plans fewer runs. */
  slow?: boolean;
  /** Square n x n float32 matMul of fixed random inputs; resolves when the result is read back. */
  matMul(n: number): Promise<Step>;
  /**
   * conv2d with 'same' padding, stride 1. 'forward': the output is read back. 'step': forward, then the
   * gradients of sum(conv2d(x, filter)) with respect to x and the filter; both are read back.
   */
  conv2d(shape: ConvShape, kind: 'forward' | 'step'): Promise<Step>;
  /** Inverted dropout (rate 0.5) forward and its gradient over `size` float32 values. */
  dropout(size: number): Promise<Step>;
  /** One training step (forward, backward, Adam update) of the reference MLP on one batch; absent where not written. */
  mlpTrainStep?(batchSize: number): Promise<Step>;
  /** One training step of the reference LSTM (LSTM.units over LSTM.steps steps, then a softmax Dense); absent where not written. */
  lstmTrainStep?(batchSize: number): Promise<Step>;
}

/** The reference recurrent model: MNIST rows as a sequence (28 steps of 28 pixels), LSTM(128), softmax over 10, Adam. */
export const LSTM_MODEL = { steps: 28, features: 28, units: 128, classes: 10, learningRate: 1e-3 };

export interface ConvShape {
  batch: number;
  height: number;
  width: number;
  inChannels: number;
  outChannels: number;
  filterSize: number;
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

// ---- Neurite ------------------------------------------------------------------------------------------

// Each gpu.js mode that can run in Node, as its own backend. 'gpu' ('auto' mode) is registered by the import.
export const GPU_MODES_IN_NODE = ['webasm', 'cpu', 'headlessgl'] as const;
for (const mode of GPU_MODES_IN_NODE) nt.registerBackend(`gpu-${mode}`, () => createGpuBackend({ mode }), 0);

// The WebAssembly backend on one thread and on all threads (the default 'wasm' backend uses all cores).
nt.registerBackend('wasm-1', () => new WasmBackend({ threads: 1 }), 0);

function neurite(backendName: string, options: { slow?: boolean; label?: string } = {}): Contender {
  let owned: { dispose(): void }[] = [];
  const own = <T extends { dispose(): void }>(t: T): T => {
    owned.push(t);
    return t;
  };
  return {
    name: options.label ?? (backendName === 'gpu' ? 'neurite gpu (auto)' : `neurite ${backendName}`),
    slow: options.slow,
    async activate() {
      await nt.setBackend(backendName);
      if (backendName.startsWith('wasm')) {
        const w = nt.backend() as WasmBackend;
        await w.whenReady();
        return { note: `${w.threads} thread${w.threads === 1 ? '' : 's'}, ${w.simd === 'relaxed' ? 'relaxed SIMD' : 'SIMD128'}${w.threadsReason ? `; ${w.threadsReason}` : ''}${w.relaxedReason ? `; relaxed SIMD: ${w.relaxedReason}` : ''}` };
      }
      if (!backendName.startsWith('gpu')) return null;
      const b = nt.backend() as GpuBackend;
      if (backendName !== 'gpu') return { mode: b.mode };
      return { mode: b.mode, note: `'auto' mode picked '${b.mode}'${b.fallbackReason ? `; fallbackReason: ${b.fallbackReason}` : ''}` };
    },
    async deactivate() {
      for (const t of owned) t.dispose();
      owned = [];
    },
    async matMul(n) {
      const a = own(nt.tensor(randomValues(n * n, 1), [n, n]));
      const b = own(nt.tensor(randomValues(n * n, 2), [n, n]));
      return async () => {
        const c = nt.matMul(a, b);
        await c.data();
        c.dispose();
      };
    },
    async conv2d(s, kind) {
      const x = own(nt.tensor(randomValues(s.batch * s.height * s.width * s.inChannels, 5), [s.batch, s.height, s.width, s.inChannels]));
      const w = own(nt.tensor(randomValues(s.filterSize ** 2 * s.inChannels * s.outChannels, 6), [s.filterSize, s.filterSize, s.inChannels, s.outChannels]));
      const conv = (a: nt.Tensor, b: nt.Tensor) => nt.conv2d(a, b, { strides: 1, padding: 'same' });
      if (kind === 'forward') {
        return async () => {
          const y = conv(x, w);
          await y.data();
          y.dispose();
        };
      }
      const g = nt.grads((a, b) => conv(a, b).sum());
      return async () => {
        const [dx, dw] = nt.tidy(() => g([x, w]));
        await dx.data();
        await dw.data();
        dx.dispose();
        dw.dispose();
      };
    },
    async dropout(size) {
      const x = own(nt.tensor(randomValues(size, 3), [size]));
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
      const model = own(sequential({
        layers: [
          layers.inputLayer({ inputShape: [MLP.inputs] }),
          layers.dense({ units: MLP.hidden, activation: 'relu', kernelRegularizer: reg() }),
          layers.dropout({ rate: MLP.dropout, seed: 1 }),
          layers.dense({ units: MLP.hidden, activation: 'relu', kernelRegularizer: reg() }),
          layers.dropout({ rate: MLP.dropout, seed: 2 }),
          layers.dense({ units: MLP.classes, activation: 'softmax', kernelRegularizer: reg() }),
        ],
      }));
      model.compile({ optimizer: optimizers.adam({ learningRate: MLP.learningRate }), loss: 'categoricalCrossentropy' });
      const x = own(nt.tensor(randomValues(batchSize * MLP.inputs, 4), [batchSize, MLP.inputs]));
      const y = own(nt.tensor(oneHotBatch(batchSize), [batchSize, MLP.classes]));
      return async () => {
        // trainOnBatch reads the loss back, which waits for the step's device work.
        model.trainOnBatch(x, y);
      };
    },
    async lstmTrainStep(batchSize) {
      const { layers, sequential, optimizers } = nt;
      const m = LSTM_MODEL;
      const model = own(sequential({
        layers: [
          layers.inputLayer({ inputShape: [m.steps, m.features] }),
          layers.lstm({ units: m.units }),
          layers.dense({ units: m.classes, activation: 'softmax' }),
        ],
      }));
      model.compile({ optimizer: optimizers.adam({ learningRate: m.learningRate }), loss: 'categoricalCrossentropy' });
      const x = own(nt.tensor(randomValues(batchSize * m.steps * m.features, 8), [batchSize, m.steps, m.features]));
      const y = own(nt.tensor(oneHotBatch(batchSize), [batchSize, m.classes]));
      return async () => {
        model.trainOnBatch(x, y);
      };
    },
  };
}

// ---- TensorFlow.js ---------------------------------------------------------------------------------------

function tfContender(backend: 'cpu' | 'wasm'): Contender {
  let owned: tf.Tensor[] = [];
  const own = <T extends tf.Tensor>(t: T): T => {
    owned.push(t);
    return t;
  };
  return {
    name: `tfjs ${backend}`,
    async activate() {
      await tf.setBackend(backend);
      await tf.ready();
      return null;
    },
    async deactivate() {
      tf.dispose(owned);
      owned = [];
      tf.disposeVariables();
    },
    async matMul(n) {
      const a = own(tf.tensor2d(randomValues(n * n, 1), [n, n]));
      const b = own(tf.tensor2d(randomValues(n * n, 2), [n, n]));
      return async () => {
        const c = tf.matMul(a, b);
        await c.data();
        c.dispose();
      };
    },
    async conv2d(s, kind) {
      const x = own(tf.tensor4d(randomValues(s.batch * s.height * s.width * s.inChannels, 5), [s.batch, s.height, s.width, s.inChannels]));
      const w = own(tf.tensor4d(randomValues(s.filterSize ** 2 * s.inChannels * s.outChannels, 6), [s.filterSize, s.filterSize, s.inChannels, s.outChannels]));
      const conv = (a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 1, 'same');
      if (kind === 'forward') {
        return async () => {
          const y = conv(x, w);
          await y.data();
          y.dispose();
        };
      }
      const g = backend === 'wasm' ? convStepWithoutFilterKernel(s) : tf.grads((a: tf.Tensor, b: tf.Tensor) => conv(a, b).sum());
      return async () => {
        const [dx, dw] = tf.tidy(() => g([x, w]));
        await dx.data();
        await dw.data();
        dx.dispose();
        dw.dispose();
      };
    },
    async dropout(size) {
      const x = own(tf.tensor1d(randomValues(size, 3)));
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
      const x = own(tf.tensor2d(randomValues(batchSize * MLP.inputs, 4), [batchSize, MLP.inputs]));
      const y = own(tf.tensor2d(oneHotBatch(batchSize), [batchSize, MLP.classes]));
      return async () => {
        await model.trainOnBatch(x, y);
      };
    },
    async lstmTrainStep(batchSize) {
      const m = LSTM_MODEL;
      const model = tf.sequential({
        layers: [
          // Keras 3's gate activation (tfjs defaults to hard_sigmoid), so both sides compute the same model.
          tf.layers.lstm({ units: m.units, recurrentActivation: 'sigmoid', inputShape: [m.steps, m.features] }),
          tf.layers.dense({ units: m.classes, activation: 'softmax' }),
        ],
      });
      model.compile({ optimizer: tf.train.adam(m.learningRate), loss: 'categoricalCrossentropy' });
      const x = own(tf.tensor3d(randomValues(batchSize * m.steps * m.features, 8), [batchSize, m.steps, m.features]));
      const y = own(tf.tensor2d(oneHotBatch(batchSize), [batchSize, m.classes]));
      return async () => {
        await model.trainOnBatch(x, y);
      };
    },
  };
}

/**
 * The forward pass and both gradients of sum(conv2d(x, w)) ('same', stride 1) with the kernels
 * TensorFlow.js's wasm backend has: it has no Conv2DBackpropFilter, so tf.grads fails there. dx is
 * conv2dTranspose(dy, w); dw[fh, fw, c, o] = sum over (b, y, x) of xpad[b, y + fh, x + fw, c] dy[b, y, x, o],
 * which is a 'valid' conv2d of xpad with channels and batch swapped by dy laid out as a filter: the same
 * multiply-adds as a filter-gradient kernel, through its (XNNPACK) conv2d.
 */
function convStepWithoutFilterKernel(s: ConvShape) {
  const half = (s.filterSize - 1) / 2;
  return ([x, w]: tf.Tensor[]): tf.Tensor[] => {
    const y = tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same');
    const dy = tf.onesLike(y);
    const dx = tf.conv2dTranspose(dy, w as tf.Tensor4D, x.shape as [number, number, number, number], 1, 'same');
    const xpad = tf.pad(x, [[0, 0], [half, half], [half, half], [0, 0]]);
    const swapped = tf.transpose(xpad, [3, 1, 2, 0]) as tf.Tensor4D; // [c, H + f - 1, W + f - 1, b]
    const asFilter = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [H, W, b, o]
    const dw = tf.transpose(tf.conv2d(swapped, asFilter, 1, 'valid'), [1, 2, 0, 3]); // [f, f, c, o]
    return [dx, dw];
  };
}

// ---- jax-js ------------------------------------------------------------------------------------------------

/**
 * jax-js on its WebAssembly device (its only accelerated device in Node). Arrays are reference counted:
 * every call consumes its arguments, so inputs kept across steps are passed as `.ref`. Its convolution
 * takes NCHW input and OIHW filters (the same arithmetic as the NHWC case of the others). Eager ops: in
 * jax-js 0.1.25, jit() of the conv gradient measured several times slower than eager on this CPU.
 * No MLP training step (that needs @jax-js/optax and hand-written layers).
 */
function jaxWasm(): Contender {
  let owned: jax.Array[] = [];
  const own = (a: jax.Array): jax.Array => {
    owned.push(a);
    return a;
  };
  const { numpy: np, lax, random } = jax;
  return {
    name: 'jax-js wasm',
    async activate() {
      // init() with no argument probes WebGPU through `navigator`, which Node 20 lacks.
      const devices = await jax.init('wasm');
      if (!devices.includes('wasm')) throw new Error(`jax-js: wasm device did not start (devices: ${devices.join(', ')})`);
      jax.defaultDevice('wasm');
      return null;
    },
    async deactivate() {
      for (const a of owned) a.dispose();
      owned = [];
    },
    async matMul(n) {
      const a = own(np.array(randomValues(n * n, 1)).reshape([n, n]));
      const b = own(np.array(randomValues(n * n, 2)).reshape([n, n]));
      return async () => {
        await np.matmul(a.ref, b.ref).data();
      };
    },
    async conv2d(s, kind) {
      const x = own(np.array(randomValues(s.batch * s.inChannels * s.height * s.width, 5)).reshape([s.batch, s.inChannels, s.height, s.width]));
      const w = own(np.array(randomValues(s.outChannels * s.inChannels * s.filterSize ** 2, 6)).reshape([s.outChannels, s.inChannels, s.filterSize, s.filterSize]));
      const conv = (a: jax.Array, b: jax.Array) => lax.conv(a, b, [1, 1], 'SAME');
      if (kind === 'forward') {
        return async () => {
          await conv(x.ref, w.ref).data();
        };
      }
      const g = jax.grad((a: jax.Array, b: jax.Array) => conv(a, b).sum(), { argnums: [0, 1] });
      return async () => {
        const [dx, dw] = g(x.ref, w.ref) as unknown as [jax.Array, jax.Array];
        await dx.data();
        await dw.data();
      };
    },
    async dropout(size) {
      const x = own(np.array(randomValues(size, 3)));
      const keep = 0.5;
      const f = (t: jax.Array, key: jax.Array) => np.where(random.bernoulli(key, keep, t.shape), t.mul(1 / keep), 0).sum();
      const g = jax.grad(f);
      let step = 0;
      return async () => {
        await g(x.ref, random.key(step++)).data();
      };
    },
  };
}

export const contenders: Contender[] = [
  neurite('wasm-1', { label: 'neurite wasm (1 thread)' }),
  neurite('wasm', { label: 'neurite wasm (all threads)' }),
  neurite('cpu'),
  neurite('gpu'),
  neurite('gpu-webasm'),
  neurite('gpu-headlessgl'),
  neurite('gpu-cpu', { slow: true }),
  tfContender('cpu'),
  tfContender('wasm'),
  jaxWasm(),
];
