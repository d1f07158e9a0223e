// Ops of the 'linalg' family: each op validates its arguments and runs kernels through the engine.
export { matMul } from './mat-mul.js';
export type { MatMulOptions } from './mat-mul.js';
