import type { Conv2DInfo, TensorInfo } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { program } from '../../program.js';
import { unravel4, windowExtent } from './conv-uniforms.js';

/**
 * Zero padding as a separate pass, so the conv programs that read every window tap run loops with
 * uniform bounds and no bounds tests (their SIMD and GL code then has no divergent control flow): the
 * padded tensor [n, rows, cols, ch] holds at (r, q) the source element (r - top, q - left), or 0 where
 * that is outside the source. `top`/`left` may be negative (the padded tensor then starts inside).
 */
const padSpatial = program('Conv/padSpatial', () => `function (x, h, w, ch, top, left, rows, cols) {
  ${unravel4('this.thread.x', 'rows', 'cols', 'ch', ['n', 'r', 'q', 'c'])}
  const iy = r - top;
  const ix = q - left;
  if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
    return x[((n * h + iy) * w + ix) * ch + c];
  }
  return 0;
}`);

/** A spatially padded tensor as the conv programs read it: its buffer and its row and column counts. */
export interface Padded {
  readonly tensor: TensorInfo;
  readonly rows: number;
  readonly cols: number;
  /** Whether `tensor` is a temporary made here (release it with `releasePadded`). */
  readonly temporary: boolean;
}

/**
 * `x` [n, h, w, ch] padded to [n, rows, cols, ch] with `top` rows and `left` columns before it. When
 * no element the caller reads would be padding (no leading padding, and rows/cols within x), x itself
 * is returned with its own row and column counts.
 */
function padded(
  backend: GpuBackend, x: TensorInfo, [n, h, w, ch]: readonly number[], top: number, left: number, rows: number, cols: number,
): Padded {
  if (top === 0 && left === 0 && rows <= h && cols <= w) return { tensor: x, rows: h, cols: w, temporary: false };
  const tensor = backend.run(padSpatial, [x], [h, w, ch, top, left, rows, cols], [n, rows, cols, ch], 'float32');
  return { tensor, rows, cols, temporary: true };
}

/** Frees a temporary from `padded` (in the async mode the backend waits for the kernels queued to read it). */
export function releasePadded(backend: GpuBackend, p: Padded): void {
  if (!p.temporary) return;
  backend.disposeData(p.tensor.dataId);
}

/**
 * For the programs that read every window tap (Conv2D, DepthwiseConv2D, the filter gradients): x padded
 * to the windows' extent, with the conv's top and left padding before it.
 */
export function paddedX(backend: GpuBackend, x: TensorInfo, info: Conv2DInfo): Padded {
  const [rows, cols] = windowExtent(info);
  return padded(backend, x, x.shape, info.pad.top, info.pad.left, rows, cols);
}

/**
 * For the stride-1 input gradients: dy padded so that input pixel (iy, ix) at tap (fy, fx) reads it
 * at (iy + (fh - 1) * dh - fy * dh, ix + (fw - 1) * dw - fx * dw): (filter - 1) * dilation - pad rows
 * and columns before dy, and the input's size plus the filter's span in all.
 */
export function paddedDy(backend: GpuBackend, dy: TensorInfo, info: Conv2DInfo): Padded {
  const spanH = (info.filterHeight - 1) * info.dilationHeight;
  const spanW = (info.filterWidth - 1) * info.dilationWidth;
  return padded(backend, dy, dy.shape, spanH - info.pad.top, spanW - info.pad.left, info.inHeight + spanH, info.inWidth + spanW);
}
