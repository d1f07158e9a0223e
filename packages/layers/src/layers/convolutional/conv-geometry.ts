// Output sizes of convolutions and pools along one spatial axis, as Keras computes them (null stays null).
import { NeuriteError } from '@neurite/tensor';
import { describeShape, type LayerShape } from '../../engine/shape.js';
import { channelAxis, checkRank, spatialAxes, type DataFormat } from '../core/arguments.js';

/** The window size a dilated kernel covers: (k - 1) * d + 1. */
export function dilatedSize(kernel: number, dilation: number): number {
  return (kernel - 1) * dilation + 1;
}

/** Keras's conv output length: ceil(L / s) for 'same' and 'causal', ceil((L - dk + 1) / s) for 'valid'. */
export function convOutputLength(length: number | null, kernel: number, padding: string, stride: number, dilation: number): number | null {
  if (length === null) return null;
  const covered = padding === 'valid' ? length - dilatedSize(kernel, dilation) + 1 : length;
  return Math.ceil(covered / stride);
}

/** Keras's transposed-conv output length (no output padding): L * s, plus max(dk - s, 0) for 'valid'. */
export function deconvOutputLength(length: number | null, kernel: number, padding: string, stride: number, dilation: number): number | null {
  if (length === null) return null;
  return padding === 'valid' ? length * stride + Math.max(dilatedSize(kernel, dilation) - stride, 0) : length * stride;
}

/** The axes named for error messages: `[batch, height, width, channels]` and so on. */
export function layoutName(format: DataFormat, spatialRank: number): string {
  const spatial = spatialRank === 1 ? ['steps'] : spatialRank === 2 ? ['height', 'width'] : ['depth', 'height', 'width'];
  const axes = format === 'channelsFirst' ? ['batch', 'channels', ...spatial] : ['batch', ...spatial, 'channels'];
  return `[${axes.join(', ')}]`;
}

/** Checks an input shape's rank, and that its channel axis is known; returns the channel count. */
export function checkSpatialInput(cls: string, shape: LayerShape, spatialRank: number, format: DataFormat): number {
  checkRank(cls, shape, spatialRank + 2, layoutName(format, spatialRank));
  const channels = shape[channelAxis(format, shape.length)];
  if (channels === null) {
    throw new NeuriteError(`${cls}: the channel axis of the input must be known (dataFormat '${format}'). Received: shape=${describeShape(shape)}`);
  }
  return channels;
}

/**
 * The output shape of a conv or pool: the spatial axes mapped by `length`, the channel axis set to
 * `outChannels`. A non-positive spatial size is an error that shows the input shape.
 */
export function spatialOutputShape(
  cls: string,
  shape: LayerShape,
  format: DataFormat,
  outChannels: number,
  length: (size: number | null, axis: number) => number | null,
): LayerShape {
  const out = [...shape];
  spatialAxes(format, shape.length).forEach((axis, i) => {
    const size = length(shape[axis], i);
    if (size !== null && size < 1) {
      throw new NeuriteError(
        `${cls}: the window does not fit the input: the output would have spatial size ${size} along axis ${axis}. Received: shape=${describeShape(shape)}`,
      );
    }
    out[axis] = size;
  });
  out[channelAxis(format, shape.length)] = outChannels;
  return out;
}
