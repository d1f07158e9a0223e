// Merge layers: several inputs, one output (functional models).
export { Merge } from './merge.js';
export { Add } from './add.js';
export { Subtract } from './subtract.js';
export { Multiply } from './multiply.js';
export { Average } from './average.js';
export { Maximum } from './maximum.js';
export { Minimum } from './minimum.js';
export { Concatenate } from './concatenate.js';
export type { ConcatenateArgs } from './concatenate.js';
export { Dot } from './dot.js';
export type { DotArgs } from './dot.js';
