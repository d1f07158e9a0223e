// Ops of the 'shape' family: each op validates its arguments and runs kernels through the engine.
export { reshape } from './reshape.js';
export { broadcastTo } from './broadcast-to.js';
