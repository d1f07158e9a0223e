// Normalization layers.
export { BatchNormalization } from './batch-normalization.js';
export type { BatchNormalizationArgs } from './batch-normalization.js';
export { LayerNormalization } from './layer-normalization.js';
export type { LayerNormalizationArgs } from './layer-normalization.js';
