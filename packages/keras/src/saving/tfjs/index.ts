// The TensorFlow.js layers format (model.json + binary weight shards): load and save.
export { loadTfjsModel } from './load-model.js';
export { loadTfjsWeights } from './load-tfjs-weights.js';
export { saveTfjsModel } from './save-model.js';
export type { BinaryLike, TfjsArtifacts, TfjsManifestGroup, TfjsMemorySource, TfjsModelJSON, TfjsSource, TfjsWeightSpec, TfjsWeightDType, TfjsQuantization } from './types.js';
