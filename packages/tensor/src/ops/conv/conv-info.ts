import type { Conv2DInfo, Pad2D } from '../../kernel-names.js';
import type { Shape } from '../../types.js';
import { NeuriteError, argumentError } from '../../util/errors.js';

/** 'valid' (no padding), 'same' (TF/Keras: output = ceil(input / stride)) or explicit [[top, bottom], [left, right]]. */
export type ConvPadding = 'valid' | 'same' | readonly [readonly [number, number], readonly [number, number]];

/** A stride or dilation for both spatial axes, or [height, width]. */
export type SpatialPair = number | readonly [number, number];

export interface Conv2DGeometryOptions {
  strides?: SpatialPair;
  dilations?: SpatialPair;
  padding?: ConvPadding;
  /** Depthwise (and pooling): filter [fh, fw, inC, multiplier], outChannels = inC * multiplier. */
  depthwise?: boolean;
}

/** Parses a positive-integer pair given as a number or [height, width]. */
export function parsePair(op: string, arg: string, value: unknown): [number, number] {
  const pair = typeof value === 'number' ? [value, value] : value;
  if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((v) => Number.isInteger(v) && v >= 1)) {
    throw argumentError(op, arg, 'a positive integer or a pair [height, width] of positive integers', value);
  }
  return [pair[0], pair[1]];
}

/** Checks a padding argument; `explicit` allows [[top, bottom], [left, right]]. */
export function parsePadding(op: string, value: unknown, explicit = true): ConvPadding {
  if (value === 'valid' || value === 'same') return value;
  const isPair = (p: unknown) => Array.isArray(p) && p.length === 2 && p.every((v) => Number.isInteger(v) && v >= 0);
  if (explicit && Array.isArray(value) && value.length === 2 && value.every(isPair)) {
    return value as unknown as ConvPadding;
  }
  const expected = explicit ? "'valid', 'same' or [[top, bottom], [left, right]] of non-negative integers" : "'valid' or 'same'";
  throw argumentError(op, 'padding', expected, value);
}

/** Checks a data format against the two accepted spellings (channels-last first). */
export function parseDataFormat<T extends string>(op: string, value: unknown, formats: readonly [T, T]): T {
  if (!formats.includes(value as T)) throw argumentError(op, 'dataFormat', `'${formats[0]}' or '${formats[1]}'`, value);
  return value as T;
}

/** Output size and padding along one axis. */
function axisGeometry(inSize: number, filter: number, stride: number, dilation: number, padding: ConvPadding, axis: 0 | 1) {
  const effective = (filter - 1) * dilation + 1;
  if (padding === 'same') {
    const out = Math.ceil(inSize / stride);
    const total = Math.max((out - 1) * stride + effective - inSize, 0);
    const before = Math.floor(total / 2);
    return { out, before, after: total - before, effective };
  }
  const [before, after] = padding === 'valid' ? [0, 0] : padding[axis];
  const out = Math.floor((inSize + before + after - effective) / stride) + 1;
  return { out, before, after, effective };
}

/**
 * The geometry every conv and pool kernel receives, from an NHWC input shape, a filter shape
 * [fh, fw, inC, outC] (or [fh, fw, inC, multiplier] when `depthwise`) and the options. Validates the
 * options and that the filter fits the padded input; the caller checks the channel counts.
 */
export function computeConv2DInfo(
  inShape: Shape, filterShape: Shape, options: Conv2DGeometryOptions = {}, op = 'computeConv2DInfo',
): Conv2DInfo {
  if (inShape.length !== 4) throw argumentError(op, 'inShape', 'an NHWC shape of rank 4', inShape);
  if (filterShape.length !== 4) throw argumentError(op, 'filterShape', 'a filter shape of rank 4', filterShape);
  const [strideHeight, strideWidth] = parsePair(op, 'strides', options.strides ?? 1);
  const [dilationHeight, dilationWidth] = parsePair(op, 'dilations', options.dilations ?? 1);
  const padding = parsePadding(op, options.padding ?? 'valid');
  const [batchSize, inHeight, inWidth, inChannels] = inShape;
  const [filterHeight, filterWidth, , last] = filterShape;
  const rows = axisGeometry(inHeight, filterHeight, strideHeight, dilationHeight, padding, 0);
  const cols = axisGeometry(inWidth, filterWidth, strideWidth, dilationWidth, padding, 1);
  if (rows.out < 1 || cols.out < 1 || filterHeight < 1 || filterWidth < 1) {
    throw new NeuriteError(
      `${op}: a window of effective size [${rows.effective}, ${cols.effective}] (filter [${filterHeight}, ${filterWidth}], ` +
        `dilations [${dilationHeight}, ${dilationWidth}]) does not fit the input of spatial size [${inHeight}, ${inWidth}] ` +
        `padded by [[${rows.before}, ${rows.after}], [${cols.before}, ${cols.after}]] (input shape [${inShape}], filter shape [${filterShape}])`,
    );
  }
  const pad: Pad2D = { top: rows.before, bottom: rows.after, left: cols.before, right: cols.after };
  const channelMultiplier = options.depthwise ? last : 1;
  return {
    batchSize, inHeight, inWidth, inChannels,
    outHeight: rows.out, outWidth: cols.out, outChannels: options.depthwise ? inChannels * last : last,
    filterHeight, filterWidth, strideHeight, strideWidth, dilationHeight, dilationWidth,
    pad, channelMultiplier,
  };
}
