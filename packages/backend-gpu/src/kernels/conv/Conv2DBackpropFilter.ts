import type { ConvAttrs, KernelConfig } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { divmod, program } from '../../program.js';
import { filterGradient } from './chunks.js';
import { CONV_ARGS, unravel4 } from './conv-uniforms.js';

/**
 * Inputs [x, dy]: dFilter element (fy, fx, c, o) sums x times dy over the batch and every output pixel.
 * x is first zero-padded to the windows' extent (conv-pad.ts), so each tap reads the padded input at a
 * fixed offset from the window origin, with uniform loop bounds and no bounds tests. The (n, oy) rows
 * are split into chunks of `rows` rows (chunks.ts): element t is chunk g's partial sum for filter
 * element e. Each row's products are summed apart, then added, which keeps the float32 sum close.
 */
const conv2DBackpropFilter = program('Conv2DBackpropFilter/padded', () => `function (xp, dy, ${CONV_ARGS}, xRows, xCols, rows) {
  const filterSize = fH * fW * inC * outC;
  ${divmod('g', 'e', 'this.thread.x', 'filterSize')}
  ${unravel4('e', 'fW', 'inC', 'outC', ['fy', 'fx', 'c', 'o'])}
  const r0 = g * rows;
  ${divmod('n', 'oy', 'r0', 'outH')}
  const tapBase = (fy * dH * xCols + fx * dW) * inC + c;
  const xStep = sW * inC;
  let di = r0 * outW * outC + o;
  let sum = 0;
  for (let k = 0; k < rows; k++) {
    let xi = (n * xRows + oy * sH) * xCols * inC + tapBase;
    let part = 0;
    for (let ox = 0; ox < outW; ox++) {
      part += xp[xi] * dy[di];
      xi += xStep;
      di += outC;
    }
    sum += part;
    oy += 1;
    if (oy == outH) {
      oy = 0;
      n += 1;
    }
  }
  return sum;
}`);

export const conv2DBackpropFilterKernel: KernelConfig<ConvAttrs> = {
  kernelName: 'Conv2DBackpropFilter',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [x, dy], attrs: { info }, backend }) =>
    filterGradient(backend as GpuBackend, conv2DBackpropFilter, x, dy, info, [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels]),
};
