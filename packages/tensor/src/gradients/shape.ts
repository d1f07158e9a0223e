// Gradients of the 'shape' kernels, registered once for every backend.
import { registerGradient } from '../engine/kernel-registry.js';
import { reshape } from '../ops/shape/reshape.js';

registerGradient({ kernelName: 'Reshape', gradFunc: ([dy], { inputs: [x] }) => [reshape(dy, x.shape)] });
import { sumToShape } from '../ops/grad-util.js';

registerGradient({ kernelName: 'BroadcastTo', gradFunc: ([dy], { inputs: [x] }) => [sumToShape(dy, x.shape)] });
