// Gradients of the 'conv' kernels, registered once for every backend.
import { registerGradient } from '../engine/kernel-registry.js';
import type { Tensor } from '../tensor.js';
import { activationGradient } from '../ops/elementwise/fused-activation.js';
import { sumToShape } from '../ops/grad-util.js';

import {
  avgPoolGrad, conv2dBackpropFilter, conv2dBackpropInput, conv2dKernel, depthwiseConv2dBackpropFilter,
  depthwiseConv2dBackpropInput, depthwiseConv2dKernel, maxPoolGrad,
} from '../ops/conv/conv-kernels.js';

// A convolution y = conv(x, w) is bilinear, so with dx = backpropInput(dy, w) and dw = backpropFilter(x, dy)
// the three kernels' gradients close over each other (this is also what makes conv2dTranspose, which runs
// the backprop-input kernel, differentiable, and gives second derivatives of conv2d):
//   backpropInput(dy, w) -> g:  d dy = conv(g, w),                 d w = backpropFilter(g, dy)
//   backpropFilter(x, dy) -> g: d x  = backpropInput(dy, g),       d dy = conv(x, g)
// The depthwise kernels follow the same pattern.

registerGradient({
  kernelName: 'Conv2D',
  gradFunc: ([dy], { inputs: [x, w] }, { info }) => [conv2dBackpropInput(dy, w, info), conv2dBackpropFilter(x, dy, info)],
});

// activation(conv(x, w) + bias): the activation's slope from the saved output, then Conv2D's gradients
// and the bias's (dz summed over batch and positions).
registerGradient({
  kernelName: 'FusedConv2D',
  gradFunc: ([dy], { inputs: [x, w, bias], outputs: [y] }, { info, activation }) => {
    const dz = activationGradient(dy, y, activation);
    const grads: Tensor[] = [conv2dBackpropInput(dz, w, info), conv2dBackpropFilter(x, dz, info)];
    if (bias) grads.push(sumToShape(dz, bias.shape));
    return grads;
  },
});

registerGradient({
  kernelName: 'Conv2DBackpropInput',
  gradFunc: ([g], { inputs: [dy, w] }, { info }) => [conv2dKernel(g, w, info), conv2dBackpropFilter(g, dy, info)],
});

registerGradient({
  kernelName: 'Conv2DBackpropFilter',
  gradFunc: ([g], { inputs: [x, dy] }, { info }) => [conv2dBackpropInput(dy, g, info), conv2dKernel(x, g, info)],
});

registerGradient({
  kernelName: 'DepthwiseConv2D',
  gradFunc: ([dy], { inputs: [x, w] }, { info }) => [
    depthwiseConv2dBackpropInput(dy, w, info), depthwiseConv2dBackpropFilter(x, dy, info),
  ],
});

registerGradient({
  kernelName: 'DepthwiseConv2DBackpropInput',
  gradFunc: ([g], { inputs: [dy, w] }, { info }) => [depthwiseConv2dKernel(g, w, info), depthwiseConv2dBackpropFilter(g, dy, info)],
});

registerGradient({
  kernelName: 'DepthwiseConv2DBackpropFilter',
  gradFunc: ([g], { inputs: [x, dy] }, { info }) => [depthwiseConv2dBackpropInput(dy, g, info), depthwiseConv2dKernel(x, g, info)],
});

// The pool gradients' own kernels are not differentiated further (listed as such in the core suite).
registerGradient({
  kernelName: 'MaxPool',
  gradFunc: ([dy], { inputs: [x] }, { info }) => [maxPoolGrad(dy, x, info)],
});

registerGradient({
  kernelName: 'AvgPool',
  gradFunc: ([dy], _saved, { info }) => [avgPoolGrad(dy, info)],
});
