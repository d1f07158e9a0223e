import { NeuriteError, describeValue } from '@neurite/tensor';
import { rawDigits } from './mnist.js';
import { MNIST_CLASSES, MNIST_PIXELS, splitDigits, type LoadMnistOptions, type MnistSplit } from './mnist-split.js';

/** The digits as bytes: what a web page downloads instead of the package's 21 MB of JSON. */
export interface MnistBytes {
  /** 784 bytes per digit, each pixel round(255 · value), digits in class order. */
  pixels: Uint8Array;
  /** One byte per digit: its class. */
  labels: Uint8Array;
}

/**
 * The 10,000 digits as bytes (7.8 MB, about 1.6 MB gzipped), to ship with a web app. Node only (it
 * reads the `mnist` package); the app reads them back with `loadMnistFromBytes`.
 */
export function mnistBytes(): MnistBytes {
  const raw = rawDigits();
  const pixels = new Uint8Array(raw.pixels.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.round(raw.pixels[i] * 255);
  return { pixels, labels: Uint8Array.from(raw.labels) };
}

/**
 * `loadMnist`'s split (the same shuffle for the same seed and sizes) of digits given as bytes, as
 * `mnistBytes` makes them: works anywhere, in a browser too. Pixels come back in [0, 1].
 */
export function loadMnistFromBytes(bytes: MnistBytes, options: LoadMnistOptions = {}): { train: MnistSplit; test: MnistSplit } {
  const owner = 'loadMnistFromBytes';
  if (bytes === null || typeof bytes !== 'object' || !(bytes.pixels instanceof Uint8Array) || !(bytes.labels instanceof Uint8Array)) {
    throw new NeuriteError(`${owner}: bytes must be { pixels: Uint8Array, labels: Uint8Array }. Received: bytes=${describeValue(bytes)}`);
  }
  const n = bytes.labels.length;
  if (n < 2 || bytes.pixels.length !== n * MNIST_PIXELS) {
    throw new NeuriteError(`${owner}: bytes.pixels must hold ${MNIST_PIXELS} bytes for each of the ${n} labels (${n * MNIST_PIXELS}). Received: ${bytes.pixels.length} bytes`);
  }
  const bad = bytes.labels.findIndex((l) => l >= MNIST_CLASSES);
  if (bad >= 0) throw new NeuriteError(`${owner}: bytes.labels must be classes 0 to 9. Received: labels[${bad}]=${bytes.labels[bad]}`);
  const pixels = new Float32Array(bytes.pixels.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = bytes.pixels[i] / 255;
  return splitDigits(owner, { pixels, labels: Int32Array.from(bytes.labels) }, options);
}
