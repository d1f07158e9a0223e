import { inputGradientKernel } from './input-gradient.js';

/**
 * Inputs [dy, filter [fh, fw, inC, multiplier]]: dx element (n, iy, ix, c) sums, over the taps that
 * reach it and q < mult, dy channel j0 + q = c * mult + q at the tap's output pixel times the filter
 * (input-gradient.ts).
 */
export const depthwiseConv2DBackpropInputKernel = inputGradientKernel('DepthwiseConv2DBackpropInput', {
  padded: {
    setup: 'const j0 = c * mult;',
    dyChannel: 'j0',
    wStart: 'j0',
    wTapStep: 'outC',
    tap: `for (let q = 0; q < mult; q++) {
  sum += dyp[di + q] * w[wi + q];
}`,
  },
  strided: {
    setup: 'const j0 = c * mult;',
    row: 'const rowBase = (n * outH + oy) * outW;',
    tap: `const di = (rowBase + ox) * outC + j0;
const wi = (fy * fW + fx) * outC + j0;
for (let q = 0; q < mult; q++) {
  sum += dy[di + q] * w[wi + q];
}`,
  },
});
