// Keras model files: Keras 3 `.keras` archives and `.weights.h5` files (read and written) and Keras 2
// `.h5` files (read), from a path, a URL, bytes or a browser File.
export { loadModel } from './load-model.js';
export { saveModel } from './save-model.js';
export { saveWeights, loadWeights } from './weights-file.js';
export type { LoadWeightsOptions } from './weights-file.js';
export type { SaveTarget } from './save-target.js';
export { storageEntries } from './storage-paths.js';
export type { ByteSource } from '../sources/index.js';
