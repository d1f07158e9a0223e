// Reshaping layers.
export { Flatten } from './flatten.js';
export type { FlattenArgs } from './flatten.js';
export { Reshape } from './reshape.js';
export type { ReshapeArgs } from './reshape.js';
