// Conv2D and both of its gradients through the GEMM. The forward and the filter gradient pack patches
// straight from the input (implicit im2col); the input gradient multiplies a block of output pixels by
// the transposed filter into a column buffer, then adds each column back to the input position it came
// from (col2im), one image at a time so that threads never write to the same place.

import {
  field, BATCH, IN_H, IN_W, IN_C, OUT_H, OUT_W, OUT_C, F_H, F_W, STRIDE_H, STRIDE_W, DIL_H, DIL_W, PAD_TOP, PAD_LEFT,
} from './conv-info';
import { gemmBlocked, gemm_scratch_bytes, A_PATCH_ROWS, A_PATCH_COLUMNS, A_STRIDED, MR, NR } from './gemm';
import { imin } from './simd';

/** Splits of a conv GEMM between threads: by rows of C (MR-tall units) or by columns (NR-wide units). */
const SPLIT_ROWS: i32 = 2;

@inline
function rangeOf(begin: i32, end: i32, unit: i32, size: i32): i32 {
  return imin(end * unit, size) - begin * unit;
}

/**
 * y[pixels, outC] = act(patches(x)[pixels, K] w[K, outC] + bias), for one thread's units [begin, end);
 * bias 0 and act 0 for a plain conv2d.
 */
export function conv_forward(x: usize, w: usize, y: usize, bias: usize, act: i32, info: usize, split: i32, scratchBase: usize, begin: i32, end: i32, tid: i32): void {
  const scratch = scratchBase + <usize>tid * <usize>gemm_scratch_bytes();
  const m = field(info, BATCH) * field(info, OUT_H) * field(info, OUT_W);
  const n = field(info, OUT_C);
  const k = field(info, F_H) * field(info, F_W) * field(info, IN_C);
  if (split == SPLIT_ROWS) {
    const i0 = begin * MR;
    gemmBlocked(A_PATCH_ROWS, rangeOf(begin, end, MR, m), n, k, x, 0, 0, info, i0, w, n, 1, y + ((<usize>i0 * <usize>n) << 2), n, false, scratch, bias, act);
  } else {
    const j0 = begin * NR;
    gemmBlocked(
      A_PATCH_ROWS, m, rangeOf(begin, end, NR, n), k, x, 0, 0, info, 0, w + (<usize>j0 << 2), n, 1, y + (<usize>j0 << 2), n, false,
      scratch, bias != 0 ? bias + (<usize>j0 << 2) : 0, act,
    );
  }
}

/** dw[K, outC] = patches(x)^T[K, pixels] dy[pixels, outC], for one thread's units [begin, end). */
export function conv_filter_grad(x: usize, dy: usize, dw: usize, info: usize, split: i32, scratchBase: usize, begin: i32, end: i32, tid: i32): void {
  const scratch = scratchBase + <usize>tid * <usize>gemm_scratch_bytes();
  const m = field(info, F_H) * field(info, F_W) * field(info, IN_C);
  const n = field(info, OUT_C);
  const k = field(info, BATCH) * field(info, OUT_H) * field(info, OUT_W);
  if (split == SPLIT_ROWS) {
    const i0 = begin * MR;
    gemmBlocked(A_PATCH_COLUMNS, rangeOf(begin, end, MR, m), n, k, x, 0, 0, info, i0, dy, n, 1, dw + ((<usize>i0 * <usize>n) << 2), n, false, scratch, 0, 0);
  } else {
    const j0 = begin * NR;
    gemmBlocked(A_PATCH_COLUMNS, m, rangeOf(begin, end, NR, n), k, x, 0, 0, info, 0, dy + (<usize>j0 << 2), n, 1, dw + (<usize>j0 << 2), n, false, scratch, 0, 0);
  }
}

/**
 * dx for images [begin, end): per block of `rows` output pixels, cols[rows, K] = dy[rows, outC] w^T,
 * then each column is added to the input element its patch read. `scratchBase` holds, per thread, the
 * GEMM scratch followed by a column buffer of rows * K floats.
 */
export function conv_input_grad(dy: usize, w: usize, dx: usize, info: usize, rows: i32, scratchBase: usize, begin: i32, end: i32, tid: i32): void {
  const inH = field(info, IN_H), inW = field(info, IN_W), inC = field(info, IN_C);
  const outH = field(info, OUT_H), outW = field(info, OUT_W), outC = field(info, OUT_C);
  const fH = field(info, F_H), fW = field(info, F_W);
  const sh = field(info, STRIDE_H), sw = field(info, STRIDE_W), dh = field(info, DIL_H), dwl = field(info, DIL_W);
  const pt = field(info, PAD_TOP), pl = field(info, PAD_LEFT);
  const k = fH * fW * inC;
  const pixels = outH * outW;
  const gemmBytes = <usize>gemm_scratch_bytes();
  const perThread = gemmBytes + ((<usize>rows * <usize>k) << 2);
  const scratch = scratchBase + <usize>tid * perThread;
  const cols = scratch + gemmBytes;
  const imageBytes = <usize>(inH * inW * inC) << 2;
  const vector = inC % 4 == 0;
  for (let b = begin; b < end; b++) {
    const image = dx + <usize>b * imageBytes;
    memory.fill(image, 0, imageBytes);
    for (let q0 = 0; q0 < pixels; q0 += rows) {
      const count = imin(rows, pixels - q0);
      // B(o, t) = w[t, o]: the filter viewed as [K, outC], transposed by the packing
      gemmBlocked(A_STRIDED, count, k, outC, dy + ((<usize>(b * pixels + q0) * <usize>outC) << 2), outC, 1, 0, 0, w, 1, outC, cols, k, false, scratch, 0, 0);
      for (let r = 0; r < count; r++) {
        const q = q0 + r;
        const oy = q / outW;
        const y0 = oy * sh - pt;
        const x0 = (q - oy * outW) * sw - pl;
        let col = cols + ((<usize>r * <usize>k) << 2);
        for (let ky = 0; ky < fH; ky++) {
          const iy = y0 + ky * dh;
          if (iy < 0 || iy >= inH) {
            col += (<usize>(fW * inC)) << 2;
            continue;
          }
          for (let kx = 0; kx < fW; kx++) {
            const ix = x0 + kx * dwl;
            if (ix >= 0 && ix < inW) {
              const at = image + ((<usize>((iy * inW + ix) * inC)) << 2);
              let c = 0;
              if (vector) {
                for (; c < inC; c += 4) {
                  const o = <usize>c << 2;
                  v128.store(at + o, f32x4.add(v128.load(at + o), v128.load(col + o)));
                }
              }
              for (; c < inC; c++) {
                const o = <usize>c << 2;
                store<f32>(at + o, load<f32>(at + o) + load<f32>(col + o));
              }
            }
            col += <usize>inC << 2;
          }
        }
      }
    }
  }
}
