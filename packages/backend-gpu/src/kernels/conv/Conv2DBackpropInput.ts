import { inputGradientKernel } from './input-gradient.js';

/**
 * Inputs [dy, filter HWIO]: dx element (n, iy, ix, c) sums, over the taps that reach it and the output
 * channels, dy at the tap's output pixel times filter row (fy, fx, c) (input-gradient.ts). The channel
 * loop walks dy and the filter by 1.
 */
export const conv2DBackpropInputKernel = inputGradientKernel('Conv2DBackpropInput', {
  padded: {
    setup: 'const wTap = inC * outC;',
    wStart: 'c * outC',
    wTapStep: 'wTap',
    tap: `let dk = di;
let wk = wi;
for (let o = 0; o < outC; o++) {
  sum += dyp[dk] * w[wk];
  dk += 1;
  wk += 1;
}`,
  },
  strided: {
    row: 'const rowBase = (n * outH + oy) * outW;',
    tap: `let dk = (rowBase + ox) * outC;
let wk = ((fy * fW + fx) * inC + c) * outC;
for (let o = 0; o < outC; o++) {
  sum += dy[dk] * w[wk];
  dk += 1;
  wk += 1;
}`,
  },
});
