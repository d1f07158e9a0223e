// Ops of the 'reduction' family: each op validates its arguments and runs kernels through the engine.
export { sum } from './sum.js';
export type { ReduceOptions } from './sum.js';
