// Core layers: Dense, Activation, InputLayer.
export { Dense } from './dense.js';
export type { DenseArgs } from './dense.js';
export { ActivationLayer } from './activation.js';
export type { ActivationLayerArgs } from './activation.js';
export { InputLayer } from './input-layer.js';
export type { InputLayerArgs } from './input-layer.js';
export { Input } from './input.js';
export type { InputArgs } from './input.js';
export { Embedding } from './embedding.js';
export type { EmbeddingArgs } from './embedding.js';
export { Masking } from './masking.js';
export type { MaskingArgs } from './masking.js';
