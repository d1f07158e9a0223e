import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { depthwiseConv2dKernel } from './conv-kernels.js';
import { windowedConv2d, type Conv2DOptions } from './conv2d.js';

export type DepthwiseConv2DOptions = Conv2DOptions;

/**
 * Depthwise 2-D convolution: each input channel c is convolved with its own `multiplier` filters
 * filter[:, :, c, q], giving output channel c * multiplier + q. Filter [filterHeight, filterWidth,
 * inChannels, multiplier]; x and the options as for conv2d.
 */
export function depthwiseConv2d(x: Tensor | TensorLike, filter: Tensor | TensorLike, options?: DepthwiseConv2DOptions): Tensor {
  return ENGINE.tidy(() =>
    windowedConv2d('depthwiseConv2d', depthwiseConv2dKernel, '[filterHeight, filterWidth, inChannels, multiplier]', true, x, filter, options),
  );
}
