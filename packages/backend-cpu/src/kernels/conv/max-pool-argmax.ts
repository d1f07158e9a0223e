import type { Conv2DInfo } from '@neurite/tensor';
import { WindowTaps } from './window-taps.js';

/**
 * For every output element of a max pool over x (NHWC), the flat index in x of its window's maximum:
 * the first in window order (fy, then fx) on ties; a NaN wins, so it propagates. Padding never wins.
 * MaxPool reads x at these indices; MaxPoolGrad sends dy to them.
 */
export function maxPoolArgmax(x: Float32Array, info: Conv2DInfo): Int32Array {
  const C = info.inChannels;
  const win = new WindowTaps(info);
  const { offset } = win;
  const argmax = new Int32Array(win.pixels * C).fill(-1);
  const best = new Float32Array(C);
  for (let p = 0, o = 0; p < win.pixels; p++, o += C) {
    const count = win.gather(p);
    const origin = win.origin;
    for (let t = 0; t < count; t++) {
      const xb = origin + offset[t];
      for (let c = 0; c < C; c++) {
        const v = x[xb + c];
        const m = best[c];
        // take the first in-window value, then anything larger, or a NaN unless a NaN is held
        if (argmax[o + c] < 0 || v > m || (v !== v && m === m)) {
          best[c] = v;
          argmax[o + c] = xb + c;
        }
      }
    }
  }
  return argmax;
}
