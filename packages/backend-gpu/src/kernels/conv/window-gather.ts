import { program, type Program } from '../../program.js';
import { CONV_ARGS, nest, unravel4 } from './conv-uniforms.js';

/** The kernel-specific lines of a window-gather program (each without leading indentation). */
export interface GatherParts {
  /** Declarations after the input pixel's coordinates, before the walk (optional). */
  readonly setup?: string;
  /** Run once per window row that contains the pixel, with `fy` and `oy` known. */
  readonly row: string;
  /** Run once per window that contains the pixel, with `fx` and `ox` known too: adds into `sum`. */
  readonly tap: string;
}

/**
 * The input-side gradients of strided windows (Conv2DBackpropInput and DepthwiseConv2DBackpropInput at
 * strides other than 1, AvgPoolGrad, MaxPoolGrad) all walk the same way, so they share this program:
 * dx element (n, iy, ix, c) visits every window that contains it, at tap (fy, fx), i.e. whose output position
 * oy = (iy + padT - fy * dH) / sH (and likewise ox) is a whole number in range. `(t + 0.5) / s` floored
 * is exact for the small non-negative integers t here; the product check rejects positions between
 * strides. `tensors` are the program's tensor arguments.
 */
export function windowGatherProgram(name: string, tensors: string, { setup, row, tap }: GatherParts): Program {
  return program(name, () => `function (${tensors}, ${CONV_ARGS}) {
  ${unravel4('this.thread.x', 'inH', 'inW', 'inC', ['n', 'iy', 'ix', 'c'])}
  const ty0 = iy + padT;
  const tx0 = ix + padL;${setup === undefined ? '' : `\n  ${nest(setup, 1)}`}
  let sum = 0;
  for (let fy = 0; fy < fH; fy++) {
    const ty = ty0 - fy * dH;
    const oy = Math.floor((ty + 0.5) / sH);
    if (ty >= 0 && oy * sH == ty && oy < outH) {
      ${nest(row, 3)}
      for (let fx = 0; fx < fW; fx++) {
        const tx = tx0 - fx * dW;
        const ox = Math.floor((tx + 0.5) / sW);
        if (tx >= 0 && ox * sW == tx && ox < outW) {
          ${nest(tap, 5)}
        }
      }
    }
  }
  return sum;
}`);
}
