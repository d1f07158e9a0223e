// Ops of the 'reduction' family: each op validates its arguments and runs kernels through the engine.
export { sum } from './sum.js';
export { mean } from './mean.js';
export { max } from './max.js';
export { min } from './min.js';
export { prod } from './prod.js';
export { argMax, argMin } from './arg-reduce.js';
export type { ReduceOptions } from './reduce-options.js';
export type { ArgReduceOptions } from './arg-reduce.js';
