// Gradients of the 'reduction' kernels, registered once for every backend.
import { registerGradient } from '../engine/kernel-registry.js';
import type { ReduceAttrs } from '../kernel-names.js';
import { broadcastTo } from '../ops/shape/broadcast-to.js';
import { reshape } from '../ops/shape/reshape.js';
import { reducedShape } from '../util/shape.js';

registerGradient<ReduceAttrs>({
  kernelName: 'Sum',
  gradFunc: ([dy], { inputs: [x] }, { axes }) => [broadcastTo(reshape(dy, reducedShape(x.shape, axes, true)), x.shape)],
});
