import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { Conv2DInfo } from '../../kernel-names.js';
import type { TensorLike } from '../../types.js';
import { convertToTensor } from '../convert.js';
import { computeConv2DInfo, parseDataFormat, type ConvPadding, type SpatialPair } from './conv-info.js';
import { conv2dKernel } from './conv-kernels.js';
import { readOptions } from '../elementwise/options.js';
import {
  assertChannelsMatch, assertFilterRank, assertInputRank, channelsOf, fromChannelsLast, toChannelsLast,
} from './layout.js';

export interface Conv2DOptions {
  /** Default 1. */
  strides?: SpatialPair;
  /** 'valid' (default), 'same' (TF/Keras) or explicit [[top, bottom], [left, right]]. */
  padding?: ConvPadding;
  /** 'NHWC' (default) or 'NCHW'. */
  dataFormat?: 'NHWC' | 'NCHW';
  /** Default 1. */
  dilations?: SpatialPair;
}

/**
 * 2-D convolution (cross-correlation, as in every DL library) of x [batch, height, width, inChannels]
 * (or unbatched without the first axis; channels-first with 'NCHW') with a filter
 * [filterHeight, filterWidth, inChannels, outChannels].
 */
export function conv2d(x: Tensor | TensorLike, filter: Tensor | TensorLike, options?: Conv2DOptions): Tensor {
  return ENGINE.tidy(() => windowedConv2d('conv2d', conv2dKernel, '[filterHeight, filterWidth, inChannels, outChannels]', false, x, filter, options));
}

/**
 * What conv2d and depthwiseConv2d share: argument checks, the channels-last layout the kernels take, and
 * the geometry; they differ only in the kernel and the filter's last axis.
 */
export function windowedConv2d(
  op: string,
  kernel: (x: Tensor, filter: Tensor, info: Conv2DInfo) => Tensor,
  filterLayout: string,
  depthwise: boolean,
  x: Tensor | TensorLike,
  filter: Tensor | TensorLike,
  options?: Conv2DOptions,
): Tensor {
  const { strides, padding, dataFormat = 'NHWC', dilations } = readOptions(op, options, ['strides', 'padding', 'dataFormat', 'dilations']);
  const xt = convertToTensor(x, 'x', op, 'float32');
  const f = convertToTensor(filter, 'filter', op, 'float32');
  const format = parseDataFormat(op, dataFormat, ['NHWC', 'NCHW']);
  const channelsFirst = format === 'NCHW';
  assertInputRank(op, xt, 4, format);
  assertFilterRank(op, f, 4, filterLayout);
  assertChannelsMatch(op, xt, f, channelsOf(xt, 4, channelsFirst), f.shape[2], format);
  const input = toChannelsLast(xt, 4, channelsFirst);
  const info = computeConv2DInfo(input.shape, f.shape, { strides, padding, dilations, depthwise }, op);
  return fromChannelsLast(kernel(input, f, info), 4, channelsFirst, xt.rank === 3);
}
