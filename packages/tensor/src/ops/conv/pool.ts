import type { Conv2DInfo } from '../../kernel-names.js';
import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { convertToTensor } from '../convert.js';
import { reshape } from '../shape/reshape.js';
import { computeConv2DInfo, parseDataFormat, parsePadding, parsePair, type SpatialPair } from './conv-info.js';
import { avgPoolKernel, maxPoolKernel } from './conv-kernels.js';
import { assertInputRank, fromChannelsLast, toChannelsLast } from './layout.js';
import { readOptions } from '../elementwise/options.js';

export interface PoolOptions {
  /** Default: the pool size. */
  strides?: SpatialPair;
  /** 'valid' (default) or 'same' (TF/Keras: windows reaching into the padding only see the in-bounds elements). */
  padding?: 'valid' | 'same';
  /** 'NHWC' (default) or 'NCHW'. */
  dataFormat?: 'NHWC' | 'NCHW';
}

export interface Pool1DOptions {
  /** Default: the pool size. */
  strides?: number;
  padding?: 'valid' | 'same';
  /** 'NWC' (default) or 'NCW'. */
  dataFormat?: 'NWC' | 'NCW';
}

type PoolKernel = (x: Tensor, info: Conv2DInfo) => Tensor;

// Each pool runs in its own tidy scope, like every op: layout changes are freed when it returns.

/** Max over each poolSize window of x [batch, height, width, channels] (or unbatched; 'NCHW' channels-first). */
export function maxPool(x: Tensor | TensorLike, poolSize: SpatialPair, options?: PoolOptions): Tensor {
  return ENGINE.tidy(() => pool2d('maxPool', maxPoolKernel, x, poolSize, options));
}

/** Mean over each poolSize window's in-bounds elements of x [batch, height, width, channels]. */
export function avgPool(x: Tensor | TensorLike, poolSize: SpatialPair, options?: PoolOptions): Tensor {
  return ENGINE.tidy(() => pool2d('avgPool', avgPoolKernel, x, poolSize, options));
}

/** Max over each window of poolSize along the width of x [batch, width, channels] (or unbatched; 'NCW'). */
export function maxPool1d(x: Tensor | TensorLike, poolSize: number, options?: Pool1DOptions): Tensor {
  return ENGINE.tidy(() => pool1d('maxPool1d', maxPoolKernel, x, poolSize, options));
}

/** Mean over each window of poolSize along the width of x [batch, width, channels] (or unbatched; 'NCW'). */
export function avgPool1d(x: Tensor | TensorLike, poolSize: number, options?: Pool1DOptions): Tensor {
  return ENGINE.tidy(() => pool1d('avgPool1d', avgPoolKernel, x, poolSize, options));
}

function pool2d(op: string, kernel: PoolKernel, x: Tensor | TensorLike, poolSize: SpatialPair, options?: PoolOptions): Tensor {
  const { strides, padding = 'valid', dataFormat = 'NHWC' } = readOptions(op, options, ['strides', 'padding', 'dataFormat']);
  const xt = convertToTensor(x, 'x', op, 'float32');
  const size = parsePair(op, 'poolSize', poolSize);
  const format = parseDataFormat(op, dataFormat, ['NHWC', 'NCHW']);
  const channelsFirst = format === 'NCHW';
  assertInputRank(op, xt, 4, format);
  const input = toChannelsLast(xt, 4, channelsFirst);
  const info = poolInfo(op, input, size, strides ?? size, padding);
  return fromChannelsLast(kernel(input, info), 4, channelsFirst, xt.rank === 3);
}

function pool1d(op: string, kernel: PoolKernel, x: Tensor | TensorLike, poolSize: number, options?: Pool1DOptions): Tensor {
  const { strides = poolSize, padding = 'valid', dataFormat = 'NWC' } = readOptions(op, options, ['strides', 'padding', 'dataFormat']);
  const xt = convertToTensor(x, 'x', op, 'float32');
  if (!Number.isInteger(poolSize) || poolSize < 1) throw argumentError(op, 'poolSize', 'a positive integer', poolSize);
  if (!Number.isInteger(strides) || strides < 1) throw argumentError(op, 'strides', 'a positive integer', strides);
  const format = parseDataFormat(op, dataFormat, ['NWC', 'NCW']);
  const channelsFirst = format === 'NCW';
  assertInputRank(op, xt, 3, format);
  const input = toChannelsLast(xt, 3, channelsFirst);
  const [batch, width, channels] = input.shape;
  const x4 = reshape(input, [batch, 1, width, channels]);
  const info = poolInfo(op, x4, [1, poolSize], [1, strides], padding);
  const y = reshape(kernel(x4, info), [batch, info.outWidth, channels]);
  return fromChannelsLast(y, 3, channelsFirst, xt.rank === 2);
}

function poolInfo(op: string, x: Tensor, size: [number, number], strides: SpatialPair, padding: unknown): Conv2DInfo {
  const pad = parsePadding(op, padding, false);
  const channels = x.shape[3];
  return computeConv2DInfo(x.shape, [size[0], size[1], channels, 1], { strides, padding: pad, depthwise: true }, op);
}
