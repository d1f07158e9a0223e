// Gradients of the 'elementwise' kernels, registered once for every backend.
import { registerGradient } from '../engine/kernel-registry.js';
import { sumToShape } from '../ops/grad-util.js';

registerGradient({
  kernelName: 'Add',
  gradFunc: ([dy], { inputs: [a, b] }) => [sumToShape(dy, a.shape), sumToShape(dy, b.shape)],
});

// Cast: float32 to float32 never runs; to an integer type nothing flows back.
registerGradient({ kernelName: 'Cast', gradFunc: () => [null] });
