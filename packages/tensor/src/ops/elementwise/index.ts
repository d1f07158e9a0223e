// Ops of the 'elementwise' family: each op validates its arguments and runs kernels through the engine.
export { add } from './binary.js';
export { cast } from './cast.js';
