// @neurite/datasets: the public API.
export { loadMnist, loadMnistAll } from './mnist.js';
export { mnistBytes, loadMnistFromBytes } from './mnist-bytes.js';
export type { MnistBytes } from './mnist-bytes.js';
export { MNIST_PIXELS, MNIST_CLASSES } from './mnist-split.js';
export type { MnistSplit, LoadMnistOptions } from './mnist-split.js';
