// Where a window (the taps of one output pixel of a conv or pool) lies in its NHWC input: shared by
// the direct kernels (pooling, depthwise conv).

import { field, IN_H, IN_W, IN_C, OUT_H, OUT_W, STRIDE_H, STRIDE_W, PAD_TOP, PAD_LEFT } from './conv-info';

/** The element offset of input pixel (b, iy, ix)'s first channel, or -1 when it lies in the padding. */
@inline
export function pixelAt(info: usize, b: i32, iy: i32, ix: i32): i32 {
  const h = field(info, IN_H), w = field(info, IN_W);
  if (iy < 0 || iy >= h || ix < 0 || ix >= w) return -1;
  return ((b * h + iy) * w + ix) * field(info, IN_C);
}

/** The input row of the top-left tap of output pixel p's window (may be in the padding). */
@inline
export function windowRow(p: i32, info: usize): i32 {
  const outH = field(info, OUT_H), outW = field(info, OUT_W);
  return ((p % (outH * outW)) / outW) * field(info, STRIDE_H) - field(info, PAD_TOP);
}

/** The input column of the top-left tap of output pixel p's window. */
@inline
export function windowCol(p: i32, info: usize): i32 {
  return (p % field(info, OUT_W)) * field(info, STRIDE_W) - field(info, PAD_LEFT);
}
