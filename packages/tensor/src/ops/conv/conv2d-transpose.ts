import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { Shape, TensorLike } from '../../types.js';
import { NeuriteError, argumentError, describe } from '../../util/errors.js';
import { convertToTensor } from '../convert.js';
import { computeConv2DInfo, parseDataFormat } from './conv-info.js';
import { conv2dBackpropInput } from './conv-kernels.js';
import type { Conv2DOptions } from './conv2d.js';
import { readOptions } from '../elementwise/options.js';
import {
  assertChannelsMatch, assertFilterRank, assertInputRank, channelsOf, fromChannelsLast, toChannelsLast,
} from './layout.js';

export type Conv2DTransposeOptions = Conv2DOptions;

/**
 * The transpose (gradient with respect to its input) of a conv2d: maps x [batch, height, width, inChannels]
 * to `outputShape` [batch, outHeight, outWidth, outChannels] (in `dataFormat`, without the batch axis for
 * an unbatched x) with a filter [filterHeight, filterWidth, outChannels, inChannels], as TF's
 * conv2d_transpose. The options describe the forward conv2d from outputShape to x's shape, which must
 * give x's spatial size exactly.
 */
export function conv2dTranspose(
  x: Tensor | TensorLike, filter: Tensor | TensorLike, outputShape: Shape, options?: Conv2DTransposeOptions,
): Tensor {
  return ENGINE.tidy(() => {
    const op = 'conv2dTranspose';
    const { strides, padding, dataFormat = 'NHWC', dilations } = readOptions(op, options, ['strides', 'padding', 'dataFormat', 'dilations']);
    const xt = convertToTensor(x, 'x', op, 'float32');
    const f = convertToTensor(filter, 'filter', op, 'float32');
    const format = parseDataFormat(op, dataFormat, ['NHWC', 'NCHW']);
    const channelsFirst = format === 'NCHW';
    assertInputRank(op, xt, 4, format);
    assertFilterRank(op, f, 4, '[filterHeight, filterWidth, outChannels, inChannels]');
    assertChannelsMatch(op, xt, f, channelsOf(xt, 4, channelsFirst), f.shape[3], format);
    if (!Array.isArray(outputShape) || outputShape.length !== xt.rank || !outputShape.every((d) => Number.isInteger(d) && d >= 1)) {
      throw argumentError(op, 'outputShape', `an array of ${xt.rank} positive integers (x has rank ${xt.rank})`, outputShape);
    }
    const input = toChannelsLast(xt, 4, channelsFirst);
    const batched = xt.rank === 4 ? [...outputShape] : [input.shape[0], ...outputShape];
    const outNHWC = channelsFirst ? [batched[0], batched[2], batched[3], batched[1]] : batched;
    if (outNHWC[0] !== input.shape[0] || outNHWC[3] !== f.shape[2]) {
      throw new NeuriteError(
        `${op}: outputShape ${describe(outputShape)} must have x's batch size and the filter's ${f.shape[2]} output channels ` +
          `(x of shape ${describe(xt.shape)}, filter of shape ${describe(f.shape)}, dataFormat '${format}')`,
      );
    }
    const info = computeConv2DInfo(outNHWC, f.shape, { strides, padding, dilations }, op);
    if (info.outHeight !== input.shape[1] || info.outWidth !== input.shape[2]) {
      throw new NeuriteError(
        `${op}: a conv2d of outputShape ${describe(outputShape)} with these strides, padding and dilations gives spatial size ` +
          `[${info.outHeight},${info.outWidth}], but x of shape ${describe(xt.shape)} has [${input.shape[1]},${input.shape[2]}]`,
      );
    }
    return fromChannelsLast(conv2dBackpropInput(input, f, info), 4, channelsFirst, xt.rank === 3);
  });
}
