// Ops of the 'random' family: each op validates its arguments and runs kernels through the engine.
export { randomUniform } from './random-uniform.js';
export { randomNormal } from './random-normal.js';
export { truncatedNormal } from './truncated-normal.js';
export { bernoulli } from './bernoulli.js';
export { dropout } from './dropout.js';
export type { RandomUniformOptions } from './random-uniform.js';
export type { RandomNormalOptions } from './random-normal.js';
export type { BernoulliOptions } from './bernoulli.js';
export type { DropoutOptions } from './dropout.js';
