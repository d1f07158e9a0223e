// Gradients of the 'random' kernels. RandomUniform, RandomNormal and TruncatedNormal take no tensor
// inputs, so nothing flows back through them; bernoulli is a composite whose gradient comes from the ops
// it is made of, and so is dropout where the backend has no fused kernel.
import { ENGINE } from '../engine/engine.js';
import { registerGradient } from '../engine/kernel-registry.js';
import { cast } from '../ops/elementwise/cast.js';
import { greaterEqual, mul } from '../ops/elementwise/index.js';

/**
 * The fused Dropout's gradient: dy times the scale where the element was kept. With `DropoutGrad` it
 * reads the mask bits the forward pass wrote; on a backend without it (the tensors moved since), it draws
 * the same mask again from the key and stream, which gives the same bits.
 */
registerGradient({
  kernelName: 'Dropout',
  gradFunc: ([dy], { inputs: [x], outputs: [, bits] }, { rate, scale, key, stream }) => {
    if (ENGINE.hasKernel('DropoutGrad')) return [ENGINE.runKernel('DropoutGrad', [dy, bits], { scale })];
    const u = ENGINE.runKernel('RandomUniform', [], { shape: [...x.shape], dtype: 'float32', min: 0, max: 1, key, stream });
    return [mul(dy, mul(cast(greaterEqual(u, rate), 'float32'), scale))];
  },
});

/** DropoutGrad is linear in dy with the same mask, so its own gradient is itself (none for the bits). */
registerGradient({
  kernelName: 'DropoutGrad',
  gradFunc: ([ddx], { inputs: [, bits] }, { scale }) => [ENGINE.runKernel('DropoutGrad', [ddx, bits], { scale }), null],
});
