export * from './creation.js';
export * from './elementwise/index.js';
export * from './reduction/index.js';
export * from './shape/index.js';
export * from './linalg/index.js';
export * from './conv/index.js';
export * from './random/index.js';
