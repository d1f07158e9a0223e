import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { convertToTensor } from '../convert.js';
import { computeConv2DInfo, parseDataFormat } from './conv-info.js';
import { depthwiseConv2dKernel } from './conv-kernels.js';
import type { Conv2DOptions } from './conv2d.js';
import {
  assertChannelsMatch, assertFilterRank, assertInputRank, channelsOf, fromChannelsLast, optionsObject, toChannelsLast,
} from './layout.js';

export type DepthwiseConv2DOptions = Conv2DOptions;

/**
 * Depthwise 2-D convolution: each input channel c is convolved with its own `multiplier` filters
 * filter[:, :, c, q], giving output channel c * multiplier + q. Filter [filterHeight, filterWidth,
 * inChannels, multiplier]; x and the options as for conv2d.
 */
export function depthwiseConv2d(x: Tensor | TensorLike, filter: Tensor | TensorLike, options?: DepthwiseConv2DOptions): Tensor {
  return ENGINE.tidy(() => {
    const op = 'depthwiseConv2d';
    const { strides, padding, dataFormat = 'NHWC', dilations } = optionsObject(op, options);
    const xt = convertToTensor(x, 'x', op, 'float32');
    const f = convertToTensor(filter, 'filter', op, 'float32');
    const format = parseDataFormat(op, dataFormat, ['NHWC', 'NCHW']);
    const channelsFirst = format === 'NCHW';
    assertInputRank(op, xt, 4, format);
    assertFilterRank(op, f, 4, '[filterHeight, filterWidth, inChannels, multiplier]');
    assertChannelsMatch(op, xt, f, channelsOf(xt, 4, channelsFirst), f.shape[2], format);
    const input = toChannelsLast(xt, 4, channelsFirst);
    const info = computeConv2DInfo(input.shape, f.shape, { strides, padding, dilations, depthwise: true }, op);
    return fromChannelsLast(depthwiseConv2dKernel(input, f, info), 4, channelsFirst, xt.rank === 3);
  });
}
