// Max and average pooling and their gradients, directly on NHWC (channels four at a time). A window
// covers the in-bounds input pixels of one output pixel; padding never counts (as in TensorFlow):
// an average divides by the in-bounds count, and a max never picks a padded position. Forward kernels
// split output pixels between threads; the gradients split whole images, so no two threads add to one
// element of dx.

import { field, IN_H, IN_W, IN_C, OUT_H, OUT_W, F_H, F_W, DIL_H, DIL_W } from './conv-info';
import { pixelAt, windowRow, windowCol } from './window';

/** Max (avg = false) or mean (avg = true) of each window, output pixels [begin, end). */
@inline
function pool(avg: bool, x: usize, y: usize, info: usize, begin: i32, end: i32): void {
  const C = field(info, IN_C), fH = field(info, F_H), fW = field(info, F_W);
  const dh = field(info, DIL_H), dw = field(info, DIL_W);
  const init = f32x4.splat(avg ? 0 : -Infinity);
  for (let p = begin; p < end; p++) {
    const b = p / (field(info, OUT_H) * field(info, OUT_W)), y0 = windowRow(p, info), x0 = windowCol(p, info);
    const out = y + ((<usize>p * <usize>C) << 2);
    // the in-bounds taps' count (the average's divisor)
    let count = 0;
    for (let ky = 0; ky < fH; ky++) for (let kx = 0; kx < fW; kx++) if (pixelAt(info, b, y0 + ky * dh, x0 + kx * dw) >= 0) count++;
    const scale: f32 = count > 0 ? <f32>1 / <f32>count : 0;
    let c = 0;
    for (; c + 4 <= C; c += 4) {
      let acc = init;
      for (let ky = 0; ky < fH; ky++) {
        for (let kx = 0; kx < fW; kx++) {
          const at = pixelAt(info, b, y0 + ky * dh, x0 + kx * dw);
          if (at < 0) continue;
          const v = v128.load(x + (<usize>(at + c) << 2));
          acc = avg ? f32x4.add(acc, v) : f32x4.max(acc, v);
        }
      }
      v128.store(out + (<usize>c << 2), avg ? f32x4.mul(acc, f32x4.splat(scale)) : acc);
    }
    for (; c < C; c++) {
      let acc: f32 = avg ? 0 : -Infinity;
      for (let ky = 0; ky < fH; ky++) {
        for (let kx = 0; kx < fW; kx++) {
          const at = pixelAt(info, b, y0 + ky * dh, x0 + kx * dw);
          if (at < 0) continue;
          const v = load<f32>(x + (<usize>(at + c) << 2));
          acc = avg ? acc + v : Mathf.max(acc, v);
        }
      }
      store<f32>(out + (<usize>c << 2), avg ? acc * scale : acc);
    }
  }
}

export function max_pool(x: usize, y: usize, info: usize, begin: i32, end: i32, tid: i32): void { pool(false, x, y, info, begin, end); }
export function avg_pool(x: usize, y: usize, info: usize, begin: i32, end: i32, tid: i32): void { pool(true, x, y, info, begin, end); }

/** dx of an average pool for images [begin, end): each dy element shared by its window's in-bounds pixels. */
export function avg_pool_grad(dy: usize, dx: usize, info: usize, begin: i32, end: i32, tid: i32): void {
  const C = field(info, IN_C), fH = field(info, F_H), fW = field(info, F_W);
  const dh = field(info, DIL_H), dw = field(info, DIL_W);
  const pixels = field(info, OUT_H) * field(info, OUT_W);
  const imageBytes = (<usize>(field(info, IN_H) * field(info, IN_W) * C)) << 2;
  for (let b = begin; b < end; b++) {
    memory.fill(dx + <usize>b * imageBytes, 0, imageBytes);
    for (let p = b * pixels; p < (b + 1) * pixels; p++) {
      const y0 = windowRow(p, info), x0 = windowCol(p, info);
      let count = 0;
      for (let ky = 0; ky < fH; ky++) for (let kx = 0; kx < fW; kx++) if (pixelAt(info, b, y0 + ky * dh, x0 + kx * dw) >= 0) count++;
      if (count == 0) continue;
      const scale: f32 = <f32>1 / <f32>count;
      const g = dy + ((<usize>p * <usize>C) << 2);
      for (let ky = 0; ky < fH; ky++) {
        for (let kx = 0; kx < fW; kx++) {
          const at = pixelAt(info, b, y0 + ky * dh, x0 + kx * dw);
          if (at < 0) continue;
          const d = dx + (<usize>at << 2);
          let c = 0;
          for (; c + 4 <= C; c += 4) {
            const o = <usize>c << 2;
            v128.store(d + o, f32x4.add(v128.load(d + o), f32x4.mul(v128.load(g + o), f32x4.splat(scale))));
          }
          for (; c < C; c++) {
            const o = <usize>c << 2;
            store<f32>(d + o, load<f32>(d + o) + load<f32>(g + o) * scale);
          }
        }
      }
    }
  }
}

/**
 * dx of a max pool for images [begin, end): each dy element goes to its window's maximum in x, the first
 * in window order on ties; a NaN wins (unless one is held already), as the CPU backend's argmax.
 */
export function max_pool_grad(dy: usize, x: usize, dx: usize, info: usize, begin: i32, end: i32, tid: i32): void {
  const C = field(info, IN_C), fH = field(info, F_H), fW = field(info, F_W);
  const dh = field(info, DIL_H), dw = field(info, DIL_W);
  const pixels = field(info, OUT_H) * field(info, OUT_W);
  const imageBytes = (<usize>(field(info, IN_H) * field(info, IN_W) * C)) << 2;
  const lanes = i32x4(0, 1, 2, 3);
  for (let b = begin; b < end; b++) {
    memory.fill(dx + <usize>b * imageBytes, 0, imageBytes);
    for (let p = b * pixels; p < (b + 1) * pixels; p++) {
      const y0 = windowRow(p, info), x0 = windowCol(p, info);
      const g = dy + ((<usize>p * <usize>C) << 2);
      let c = 0;
      for (; c + 4 <= C; c += 4) {
        let best = f32x4.splat(0);
        let index = i32x4.splat(-1);
        let first = true;
        for (let ky = 0; ky < fH; ky++) {
          for (let kx = 0; kx < fW; kx++) {
            const at = pixelAt(info, b, y0 + ky * dh, x0 + kx * dw);
            if (at < 0) continue;
            const v = v128.load(x + (<usize>(at + c) << 2));
            const here = i32x4.add(i32x4.splat(at + c), lanes);
            if (first) {
              best = v;
              index = here;
              first = false;
            } else {
              const take = v128.or(f32x4.gt(v, best), v128.and(f32x4.ne(v, v), f32x4.eq(best, best)));
              best = v128.bitselect(v, best, take);
              index = v128.bitselect(here, index, take);
            }
          }
        }
        if (first) continue;
        const o = <usize>c << 2;
        addAt(dx, i32x4.extract_lane(index, 0), load<f32>(g + o));
        addAt(dx, i32x4.extract_lane(index, 1), load<f32>(g + o + 4));
        addAt(dx, i32x4.extract_lane(index, 2), load<f32>(g + o + 8));
        addAt(dx, i32x4.extract_lane(index, 3), load<f32>(g + o + 12));
      }
      for (; c < C; c++) {
        let best: f32 = 0;
        let index = -1;
        for (let ky = 0; ky < fH; ky++) {
          for (let kx = 0; kx < fW; kx++) {
            const at = pixelAt(info, b, y0 + ky * dh, x0 + kx * dw);
            if (at < 0) continue;
            const v = load<f32>(x + (<usize>(at + c) << 2));
            if (index < 0 || v > best || (v != v && best == best)) {
              best = v;
              index = at + c;
            }
          }
        }
        if (index >= 0) addAt(dx, index, load<f32>(g + (<usize>c << 2)));
      }
    }
  }
}

@inline
function addAt(base: usize, index: i32, v: f32): void {
  const at = base + (<usize>index << 2);
  store<f32>(at, load<f32>(at) + v);
}
