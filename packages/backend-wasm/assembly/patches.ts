// Packing convolution patches straight from the NHWC input into GEMM panels (implicit im2col): the
// patch matrix is never written out whole. Taps that fall in the padding read as zeros.

import {
  field, IN_H, IN_W, IN_C, OUT_H, OUT_W, F_W, STRIDE_H, STRIDE_W, DIL_H, DIL_W, PAD_TOP, PAD_LEFT,
} from './conv-info';
import { storeTransposed4, imin } from './simd';

/**
 * The byte address of input element (y0 + dy, x0 + dx, c) of the image at `image`, or 0 when that
 * position lies in the padding or the row is not real (past the block's end): callers read 0 there.
 * Address 0 is never a tensor's buffer.
 */
@inline
function tapAddress(real: bool, y0: i32, x0: i32, image: usize, dy: i32, dx: i32, c: i32, inH: i32, inW: i32, inC: i32): usize {
  const y = y0 + dy;
  const x = x0 + dx;
  if (!real || y < 0 || y >= inH || x < 0 || x >= inW) return 0;
  return image + ((<usize>((y * inW + x) * inC + c)) << 2);
}

@inline
function loadOrZero(at: usize): v128 {
  return at != 0 ? v128.load(at) : f32x4.splat(0);
}

@inline
function scalarOrZero(at: usize): f32 {
  return at != 0 ? load<f32>(at) : 0;
}

/**
 * Packs rows [i0, i0+mc) x columns [p0, p0+kc) of the im2col matrix (rows: output pixels in
 * [batch, outH, outW] order; columns: (ky, kx, c)) as MR=4-tall panels for the GEMM.
 */
export function packPatchRows(x: usize, info: usize, i0: i32, p0: i32, mc: i32, kc: i32, dst: usize): void {
  const inH = field(info, IN_H), inW = field(info, IN_W), inC = field(info, IN_C);
  const outH = field(info, OUT_H), outW = field(info, OUT_W), fW = field(info, F_W);
  const sh = field(info, STRIDE_H), sw = field(info, STRIDE_W), dh = field(info, DIL_H), dw = field(info, DIL_W);
  const pt = field(info, PAD_TOP), pl = field(info, PAD_LEFT);
  const image = <usize>(inH * inW * inC) << 2;
  const pixels = outH * outW;
  const vector = inC % 4 == 0 && p0 % 4 == 0;
  for (let ip = 0; ip < mc; ip += 4) {
    // the four rows' pixels: top-left input coordinate and image (wasm has no arrays on the stack)
    let i = i0 + ip;
    let b = i / pixels, rest = i - b * pixels, oy = rest / outW;
    const y0 = oy * sh - pt, x0 = (rest - oy * outW) * sw - pl, m0 = x + <usize>b * image;
    i++;
    b = i / pixels; rest = i - b * pixels; oy = rest / outW;
    const y1 = oy * sh - pt, x1 = (rest - oy * outW) * sw - pl, m1 = x + <usize>b * image, r1 = ip + 1 < mc;
    i++;
    b = i / pixels; rest = i - b * pixels; oy = rest / outW;
    const y2 = oy * sh - pt, x2 = (rest - oy * outW) * sw - pl, m2 = x + <usize>b * image, r2 = ip + 2 < mc;
    i++;
    b = i / pixels; rest = i - b * pixels; oy = rest / outW;
    const y3 = oy * sh - pt, x3 = (rest - oy * outW) * sw - pl, m3 = x + <usize>b * image, r3 = ip + 3 < mc;
    let p = p0;
    const pEnd = p0 + kc;
    let tap = p / inC;
    let c = p - tap * inC;
    let ky = tap / fW;
    let kx = tap - ky * fW;
    while (p < pEnd) {
      const seg = imin(inC - c, pEnd - p);
      const dy = ky * dh, dx = kx * dw;
      let a0 = tapAddress(true, y0, x0, m0, dy, dx, c, inH, inW, inC);
      let a1 = tapAddress(r1, y1, x1, m1, dy, dx, c, inH, inW, inC);
      let a2 = tapAddress(r2, y2, x2, m2, dy, dx, c, inH, inW, inC);
      let a3 = tapAddress(r3, y3, x3, m3, dy, dx, c, inH, inW, inC);
      if (vector) {
        for (let q = 0; q < seg; q += 4) {
          storeTransposed4(dst, 16, loadOrZero(a0), loadOrZero(a1), loadOrZero(a2), loadOrZero(a3));
          dst += 64;
          if (a0) a0 += 16;
          if (a1) a1 += 16;
          if (a2) a2 += 16;
          if (a3) a3 += 16;
        }
      } else {
        for (let q = 0; q < seg; q++) {
          store<f32>(dst, scalarOrZero(a0));
          store<f32>(dst, scalarOrZero(a1), 4);
          store<f32>(dst, scalarOrZero(a2), 8);
          store<f32>(dst, scalarOrZero(a3), 12);
          dst += 16;
          if (a0) a0 += 4;
          if (a1) a1 += 4;
          if (a2) a2 += 4;
          if (a3) a3 += 4;
        }
      }
      p += seg;
      c = 0;
      if (++kx == fW) {
        kx = 0;
        ky++;
      }
    }
  }
}

/**
 * Packs rows [i0, i0+mc) x columns [q0, q0+kc) of the transposed im2col matrix (rows: (ky, kx, c);
 * columns: output pixels) as MR=4-tall panels: the A operand of a filter gradient.
 */
export function packPatchColumns(x: usize, info: usize, i0: i32, q0: i32, mc: i32, kc: i32, dst: usize): void {
  const inH = field(info, IN_H), inW = field(info, IN_W), inC = field(info, IN_C);
  const outH = field(info, OUT_H), outW = field(info, OUT_W), fW = field(info, F_W);
  const sh = field(info, STRIDE_H), sw = field(info, STRIDE_W), dh = field(info, DIL_H), dw = field(info, DIL_W);
  const pt = field(info, PAD_TOP), pl = field(info, PAD_LEFT);
  const image = <usize>(inH * inW * inC) << 2;
  const pixels = outH * outW;
  for (let ip = 0; ip < mc; ip += 4) {
    const i = i0 + ip;
    const rows = imin(4, mc - ip);
    // the pixel of column q0
    let b = q0 / pixels;
    let rest = q0 - b * pixels;
    let oy = rest / outW;
    let ox = rest - oy * outW;
    if (rows == 4 && inC % 4 == 0 && i % 4 == 0) {
      // four channels of one tap: one 16-byte load per pixel
      const tap = i / inC;
      const c = i - tap * inC;
      const ky = tap / fW;
      const dy = ky * dh, dx = (tap - ky * fW) * dw;
      for (let q = 0; q < kc; q++) {
        v128.store(dst, loadOrZero(tapAddress(true, oy * sh - pt, ox * sw - pl, x + <usize>b * image, dy, dx, c, inH, inW, inC)));
        dst += 16;
        if (++ox == outW) {
          ox = 0;
          if (++oy == outH) {
            oy = 0;
            b++;
          }
        }
      }
      continue;
    }
    for (let q = 0; q < kc; q++) {
      const y0 = oy * sh - pt, x0 = ox * sw - pl, m0 = x + <usize>b * image;
      for (let r = 0; r < 4; r++) {
        let v: f32 = 0;
        const row = i + r;
        if (r < rows) {
          const tap = row / inC;
          const c = row - tap * inC;
          const ky = tap / fW;
          v = scalarOrZero(tapAddress(true, y0, x0, m0, ky * dh, (tap - ky * fW) * dw, c, inH, inW, inC));
        }
        store<f32>(dst + (<usize>r << 2), v);
      }
      dst += 16;
      if (++ox == outW) {
        ox = 0;
        if (++oy == outH) {
          oy = 0;
          b++;
        }
      }
    }
  }
}
