// The models: functional Model, Sequential, their factories and the summary helpers.
export { Model } from './model.js';
export type { ModelArgs } from './model.js';
export { Sequential } from './sequential.js';
export type { SequentialArgs } from './sequential.js';
export { model, sequential } from './factories.js';
export { formatShape, readableSize } from './summary.js';
export { buildTopology } from './graph.js';
export type { GraphTopology } from './graph.js';
