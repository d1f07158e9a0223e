// Depthwise convolution and its gradients, directly on NHWC. Output channel j = c * M + q reads input
// channel c with filter [tap, j] (filter [fH, fW, C, M] is [taps, C * M] in memory), so a tap's filter row
// lines up with the output channels. With a multiplier of 1 (the common case) four channels go at a time;
// other multipliers take a scalar loop. The forward pass splits output pixels between threads, the
// input gradient whole images, the filter gradient filter taps (each sums every pixel in one order, in
// float64, as the CPU backend does).

import { field, BATCH, IN_H, IN_W, IN_C, OUT_H, OUT_W, OUT_C, F_H, F_W, DIL_H, DIL_W, MULTIPLIER } from './conv-info';
import { pixelAt, windowRow, windowCol } from './window';
import { madd } from './simd';

/** y[p, j] = sum over in-bounds taps of x[pixel, j / M] w[tap, j], output pixels [begin, end). */
export function depthwise_forward(x: usize, w: usize, y: usize, info: usize, begin: i32, end: i32, tid: i32): void {
  const C = field(info, IN_C), OC = field(info, OUT_C), M = field(info, MULTIPLIER);
  const fH = field(info, F_H), fW = field(info, F_W), dh = field(info, DIL_H), dw = field(info, DIL_W);
  const pixels = field(info, OUT_H) * field(info, OUT_W);
  for (let p = begin; p < end; p++) {
    const b = p / pixels, y0 = windowRow(p, info), x0 = windowCol(p, info);
    const out = y + ((<usize>p * <usize>OC) << 2);
    let j = 0;
    if (M == 1) {
      for (; j + 4 <= OC; j += 4) {
        let acc = f32x4.splat(0);
        for (let ky = 0; ky < fH; ky++) {
          for (let kx = 0; kx < fW; kx++) {
            const at = pixelAt(info, b, y0 + ky * dh, x0 + kx * dw);
            if (at < 0) continue;
            const tap = ky * fW + kx;
            acc = madd(v128.load(x + (<usize>(at + j) << 2)), v128.load(w + (<usize>(tap * OC + j) << 2)), acc);
          }
        }
        v128.store(out + (<usize>j << 2), acc);
      }
    }
    for (; j < OC; j++) {
      const c = j / M;
      let acc: f32 = 0;
      for (let ky = 0; ky < fH; ky++) {
        for (let kx = 0; kx < fW; kx++) {
          const at = pixelAt(info, b, y0 + ky * dh, x0 + kx * dw);
          if (at < 0) continue;
          acc += load<f32>(x + (<usize>(at + c) << 2)) * load<f32>(w + (<usize>((ky * fW + kx) * OC + j) << 2));
        }
      }
      store<f32>(out + (<usize>j << 2), acc);
    }
  }
}

/** dx for images [begin, end): each output pixel's dy, through each in-bounds tap, back to its input pixel. */
export function depthwise_input_grad(dy: usize, w: usize, dx: usize, info: usize, begin: i32, end: i32, tid: i32): void {
  const C = field(info, IN_C), OC = field(info, OUT_C), M = field(info, MULTIPLIER);
  const fH = field(info, F_H), fW = field(info, F_W), dh = field(info, DIL_H), dw = field(info, DIL_W);
  const pixels = field(info, OUT_H) * field(info, OUT_W);
  const imageBytes = (<usize>(field(info, IN_H) * field(info, IN_W) * C)) << 2;
  for (let b = begin; b < end; b++) {
    memory.fill(dx + <usize>b * imageBytes, 0, imageBytes);
    for (let p = b * pixels; p < (b + 1) * pixels; p++) {
      const y0 = windowRow(p, info), x0 = windowCol(p, info);
      const g = dy + ((<usize>p * <usize>OC) << 2);
      for (let ky = 0; ky < fH; ky++) {
        for (let kx = 0; kx < fW; kx++) {
          const at = pixelAt(info, b, y0 + ky * dh, x0 + kx * dw);
          if (at < 0) continue;
          const d = dx + (<usize>at << 2);
          const f = w + (<usize>((ky * fW + kx) * OC) << 2);
          let c = 0;
          if (M == 1) {
            for (; c + 4 <= C; c += 4) {
              const o = <usize>c << 2;
              v128.store(d + o, madd(v128.load(g + o), v128.load(f + o), v128.load(d + o)));
            }
          }
          for (; c < C; c++) {
            let s: f32 = 0;
            for (let q = 0; q < M; q++) {
              const o = <usize>(c * M + q) << 2;
              s += load<f32>(g + o) * load<f32>(f + o);
            }
            const o = <usize>c << 2;
            store<f32>(d + o, load<f32>(d + o) + s);
          }
        }
      }
    }
  }
}

/**
 * dw[tap, j] = sum over output pixels p of x[pixel under tap, j / M] dy[p, j], for taps [begin, end),
 * accumulated in float64 in `scratch` (OC float64s per thread).
 */
export function depthwise_filter_grad(x: usize, dy: usize, dw: usize, info: usize, scratch: usize, begin: i32, end: i32, tid: i32): void {
  const OC = field(info, OUT_C), M = field(info, MULTIPLIER), fW = field(info, F_W);
  const dh = field(info, DIL_H), dwl = field(info, DIL_W);
  const total = field(info, OUT_H) * field(info, OUT_W);
  const pixelsAll = total * field(info, BATCH);
  const acc = scratch + ((<usize>tid * <usize>OC) << 3);
  for (let tap = begin; tap < end; tap++) {
    const ky = tap / fW, kx = tap - ky * fW;
    memory.fill(acc, 0, <usize>OC << 3);
    for (let p = 0; p < pixelsAll; p++) {
      const b = p / total;
      const at = pixelAt(info, b, windowRow(p, info) + ky * dh, windowCol(p, info) + kx * dwl);
      if (at < 0) continue;
      const g = dy + ((<usize>p * <usize>OC) << 2);
      let j = 0;
      if (M == 1) {
        const xs = x + (<usize>at << 2);
        for (; j + 2 <= OC; j += 2) {
          const o = <usize>j << 2;
          const product = f64x2.mul(f64x2.promote_low_f32x4(v128.load64_zero(xs + o)), f64x2.promote_low_f32x4(v128.load64_zero(g + o)));
          const a = acc + (<usize>j << 3);
          v128.store(a, f64x2.add(v128.load(a), product));
        }
      }
      for (; j < OC; j++) {
        const a = acc + (<usize>j << 3);
        const xv = <f64>load<f32>(x + (<usize>(at + j / M) << 2));
        store<f64>(a, load<f64>(a) + xv * <f64>load<f32>(g + (<usize>j << 2)));
      }
    }
    const out = dw + ((<usize>tap * <usize>OC) << 2);
    for (let j = 0; j < OC; j++) store<f32>(out + (<usize>j << 2), <f32>load<f64>(acc + (<usize>j << 3)));
  }
}
