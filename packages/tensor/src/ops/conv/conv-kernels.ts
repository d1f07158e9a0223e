import { ENGINE } from '../../engine/engine.js';
import type { Conv2DInfo } from '../../kernel-names.js';
import type { Tensor } from '../../tensor.js';

/**
 * The conv and pool kernels as ops over batched channels-last tensors with a ready-made geometry. The
 * public ops build the geometry and call these; gradients call them with the forward kernel's geometry.
 */

export function conv2dKernel(x: Tensor, filter: Tensor, info: Conv2DInfo): Tensor {
  return ENGINE.runKernel('Conv2D', [x, filter], { info });
}

/** dx of a Conv2D (or the forward pass of conv2dTranspose). */
export function conv2dBackpropInput(dy: Tensor, filter: Tensor, info: Conv2DInfo): Tensor {
  return ENGINE.runKernel('Conv2DBackpropInput', [dy, filter], { info });
}

export function conv2dBackpropFilter(x: Tensor, dy: Tensor, info: Conv2DInfo): Tensor {
  return ENGINE.runKernel('Conv2DBackpropFilter', [x, dy], { info });
}

export function depthwiseConv2dKernel(x: Tensor, filter: Tensor, info: Conv2DInfo): Tensor {
  return ENGINE.runKernel('DepthwiseConv2D', [x, filter], { info });
}

export function depthwiseConv2dBackpropInput(dy: Tensor, filter: Tensor, info: Conv2DInfo): Tensor {
  return ENGINE.runKernel('DepthwiseConv2DBackpropInput', [dy, filter], { info });
}

export function depthwiseConv2dBackpropFilter(x: Tensor, dy: Tensor, info: Conv2DInfo): Tensor {
  return ENGINE.runKernel('DepthwiseConv2DBackpropFilter', [x, dy], { info });
}

export function maxPoolKernel(x: Tensor, info: Conv2DInfo): Tensor {
  return ENGINE.runKernel('MaxPool', [x], { info });
}

export function maxPoolGrad(dy: Tensor, x: Tensor, info: Conv2DInfo): Tensor {
  return ENGINE.runKernel('MaxPoolGrad', [dy, x], { info });
}

export function avgPoolKernel(x: Tensor, info: Conv2DInfo): Tensor {
  return ENGINE.runKernel('AvgPool', [x], { info });
}

export function avgPoolGrad(dy: Tensor, info: Conv2DInfo): Tensor {
  return ENGINE.runKernel('AvgPoolGrad', [dy], { info });
}
