// Ops of the 'linalg' family: each op validates its arguments and runs kernels through the engine.
export { matMul } from './mat-mul.js';
export type { MatMulOptions } from './mat-mul.js';
export { fusedMatMul } from './fused-mat-mul.js';
export type { FusedMatMulOptions } from './fused-mat-mul.js';
