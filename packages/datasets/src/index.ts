// @neurite/datasets: the public API.
export { loadMnist, loadMnistAll, MNIST_PIXELS, MNIST_CLASSES } from './mnist.js';
export type { MnistSplit, LoadMnistOptions } from './mnist.js';
