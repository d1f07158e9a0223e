import { NeuriteError, randomPermutation, readOptionsObject, tensor, describeValue, type Tensor } from '@neurite/tensor';

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

/** Digits in class order: pixels in [0, 1], 784 per digit, and their labels. */
export interface RawDigits {
  pixels: Float32Array;
  labels: Int32Array;
}

export function take(raw: RawDigits, indices: Int32Array, shape: 'flat' | 'image'): MnistSplit {
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

/** The shuffled train / test split of `raw` that `loadMnist` and `loadMnistFromBytes` both make. */
export function splitDigits(owner: string, raw: RawDigits, options: LoadMnistOptions | undefined): { train: MnistSplit; test: MnistSplit } {
  const { trainSize = 8000, seed = 0, shape = 'flat' } = readOptionsObject(owner, options, ['trainSize', 'seed', 'shape']);
  const n = raw.labels.length;
  if (!Number.isInteger(trainSize) || trainSize < 1 || trainSize >= n) {
    throw new NeuriteError(`${owner}: trainSize must be an integer in [1, ${n - 1}]. Received: trainSize=${describeValue(trainSize)}`);
  }
  if (shape !== 'flat' && shape !== 'image') {
    throw new NeuriteError(`${owner}: shape must be 'flat' or 'image'. Received: shape=${describeValue(shape)}`);
  }
  if (!Number.isSafeInteger(seed)) throw new NeuriteError(`${owner}: seed must be an integer. Received: seed=${describeValue(seed)}`);
  const order = randomPermutation(n, seed);
  return { train: take(raw, order.subarray(0, trainSize), shape), test: take(raw, order.subarray(trainSize), shape) };
}
