import { nest } from './conv-uniforms.js';

/**
 * The loop names of a window scan. They are parameters because MaxPoolGrad scans a window inside a
 * window-gather walk (window-gather.ts) that already uses fy/fx.
 */
export interface ScanNames {
  /** The filter tap's row and column counters. */
  readonly tapY: string;
  readonly tapX: string;
  /** The tap's input row and column. */
  readonly row: string;
  readonly col: string;
  /** Expression: the image's first row in x, n * inH (hoisted by a caller that scans many windows). */
  readonly imageRow: string;
}

/** The names the pooling programs use for their own window. */
export const OWN_WINDOW: ScanNames = { tapY: 'fy', tapX: 'fx', row: 'iy', col: 'ix', imageRow: 'n * inH' };

/**
 * Kernel-source loops over the in-bounds taps of the window whose top-left tap (padding included) is
 * input pixel (y0, x0): padding taps are skipped, not read, as the pools never count them. `tap` gives
 * the lines run per tap from the flat NHWC index of x's element there at channel c.
 */
export function windowScan({ tapY, tapX, row, col, imageRow }: ScanNames, tap: (at: string) => string): string {
  return `for (let ${tapY} = 0; ${tapY} < fH; ${tapY}++) {
  const ${row} = y0 + ${tapY} * dH;
  if (${row} >= 0 && ${row} < inH) {
    const rowBase = (${imageRow} + ${row}) * inW;
    for (let ${tapX} = 0; ${tapX} < fW; ${tapX}++) {
      const ${col} = x0 + ${tapX} * dW;
      if (${col} >= 0 && ${col} < inW) {
        ${nest(tap(`(rowBase + ${col}) * inC + c`), 4)}
      }
    }
  }
}`;
}
