import type { Conv2DInfo } from '@neurite/tensor';
import { divmod } from '../../program.js';

/**
 * Every conv and pool program takes its tensors first, then the geometry of a `Conv2DInfo` as these
 * numbers (uniforms), in this order, so one compiled program serves every shape:
 * batch, input height/width/channels, output height/width/channels, filter height/width, strides,
 * dilations, the top and left padding, and the depthwise channel multiplier.
 */
export const CONV_ARGS = 'batch, inH, inW, inC, outH, outW, outC, fH, fW, sH, sW, dH, dW, padT, padL, mult';

/** The numbers for `CONV_ARGS`, from a Conv2DInfo. */
export function convUniforms(info: Conv2DInfo): number[] {
  return [
    info.batchSize, info.inHeight, info.inWidth, info.inChannels,
    info.outHeight, info.outWidth, info.outChannels,
    info.filterHeight, info.filterWidth,
    info.strideHeight, info.strideWidth,
    info.dilationHeight, info.dilationWidth,
    info.pad.top, info.pad.left,
    info.channelMultiplier,
  ];
}

/**
 * Kernel-source snippet: the coordinates of flat index `index` in an NHWC-like layout [*, h, w, ch]
 * (row-major): `names` = [outer, row, column, channel] are declared as locals. h, w and ch are
 * expressions (kernel arguments). Exact for indices below 2^24.
 */
export function unravel4(index: string, h: string, w: string, ch: string, names: [string, string, string, string]): string {
  const [outer, row, col, chan] = names;
  return [
    divmod(`${col}Rest`, chan, index, ch),
    divmod(`${row}Rest`, col, `${col}Rest`, w),
    divmod(outer, row, `${row}Rest`, h),
  ].join('\n  ');
}

/**
 * Kernel-source snippet `code` (lines without leading indentation) made ready to splice in at nesting
 * `depth`: every line after the first is indented by `depth` steps (the first takes the template's).
 * Only for readable generated source; gpu.js ignores the layout.
 */
export function nest(code: string, depth: number): string {
  return code.split('\n').join(`\n${'  '.repeat(depth)}`);
}

/**
 * The rows and columns of the input that the output windows span, padding included:
 * (out - 1) * stride + (filter - 1) * dilation + 1 along each axis.
 */
export function windowExtent(info: Conv2DInfo): [number, number] {
  return [
    (info.outHeight - 1) * info.strideHeight + (info.filterHeight - 1) * info.dilationHeight + 1,
    (info.outWidth - 1) * info.strideWidth + (info.filterWidth - 1) * info.dilationWidth + 1,
  ];
}

/**
 * How a program walks one filter row's taps in a padded NHWC input: `runs` runs of `runLen`
 * consecutive elements, `runStep` apart. With no column dilation a row's taps and channels are one run
 * of filterWidth * channels elements; otherwise one run of channels per tap.
 */
export function tapRuns(info: Conv2DInfo): [number, number, number] {
  const { filterWidth, dilationWidth, inChannels } = info;
  return dilationWidth === 1 ? [1, filterWidth * inChannels, 0] : [filterWidth, inChannels, dilationWidth * inChannels];
}
