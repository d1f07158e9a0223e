import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { convertToTensor } from '../convert.js';
import { reshape } from '../shape/reshape.js';
import { computeConv2DInfo, parseDataFormat } from './conv-info.js';
import { conv2dKernel } from './conv-kernels.js';
import { readOptions } from '../elementwise/options.js';
import {
  assertChannelsMatch, assertFilterRank, assertInputRank, channelsOf, fromChannelsLast, toChannelsLast,
} from './layout.js';

export interface Conv1DOptions {
  /** Default 1. */
  stride?: number;
  /** 'valid' (default), 'same' (TF/Keras) or 'causal' (left-pad by (filterWidth - 1) * dilation, then 'valid'). */
  padding?: 'valid' | 'same' | 'causal';
  /** 'NWC' (default) or 'NCW'. */
  dataFormat?: 'NWC' | 'NCW';
  /** Default 1. */
  dilation?: number;
}

/**
 * 1-D convolution of x [batch, width, inChannels] (or unbatched [width, inChannels]; channels-first with
 * 'NCW') with a filter [filterWidth, inChannels, outChannels]: a conv2d over a height of 1.
 */
export function conv1d(x: Tensor | TensorLike, filter: Tensor | TensorLike, options?: Conv1DOptions): Tensor {
  return ENGINE.tidy(() => {
    const op = 'conv1d';
    const { stride = 1, padding = 'valid', dataFormat = 'NWC', dilation = 1 } = readOptions(op, options, ['stride', 'padding', 'dataFormat', 'dilation']);
    const xt = convertToTensor(x, 'x', op, 'float32');
    const f = convertToTensor(filter, 'filter', op, 'float32');
    const format = parseDataFormat(op, dataFormat, ['NWC', 'NCW']);
    const channelsFirst = format === 'NCW';
    if (!Number.isInteger(stride) || stride < 1) throw argumentError(op, 'stride', 'a positive integer', stride);
    if (!Number.isInteger(dilation) || dilation < 1) throw argumentError(op, 'dilation', 'a positive integer', dilation);
    if (padding !== 'valid' && padding !== 'same' && padding !== 'causal') {
      throw argumentError(op, 'padding', "'valid', 'same' or 'causal'", padding);
    }
    assertInputRank(op, xt, 3, format);
    assertFilterRank(op, f, 3, '[filterWidth, inChannels, outChannels]');
    assertChannelsMatch(op, xt, f, channelsOf(xt, 3, channelsFirst), f.shape[1], format);
    const input = toChannelsLast(xt, 3, channelsFirst);
    const [batch, width, inChannels] = input.shape;
    const x4 = reshape(input, [batch, 1, width, inChannels]);
    const f4 = reshape(f, [1, ...f.shape]);
    const pad2d = padding === 'causal' ? ([[0, 0], [(f.shape[0] - 1) * dilation, 0]] as const) : padding;
    const info = computeConv2DInfo(x4.shape, f4.shape, { strides: [1, stride], dilations: [1, dilation], padding: pad2d }, op);
    const y = reshape(conv2dKernel(x4, f4, info), [batch, info.outWidth, info.outChannels]);
    return fromChannelsLast(y, 3, channelsFirst, xt.rank === 2);
  });
}
