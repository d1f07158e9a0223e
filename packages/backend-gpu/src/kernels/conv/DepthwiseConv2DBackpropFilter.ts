import type { DepthwiseConvAttrs, KernelConfig } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { divmod, program } from '../../program.js';
import { filterGradient } from './chunks.js';
import { CONV_ARGS } from './conv-uniforms.js';

/**
 * Inputs [x, dy]: dFilter element (fy, fx, c, q), flat (fy * fw + fx) * outC + j with j = c * mult + q,
 * sums x channel c times dy channel j over the batch and every output pixel. As in
 * Conv2DBackpropFilter: x zero-padded to the windows' extent (no bounds tests), the (n, oy) rows split
 * into chunks of `rows` (element t is chunk g's partial sum), each row summed apart.
 */
const depthwiseConv2DBackpropFilter = program('DepthwiseConv2DBackpropFilter/padded', () => `function (xp, dy, ${CONV_ARGS}, xRows, xCols, rows) {
  const filterSize = fH * fW * outC;
  ${divmod('g', 'e', 'this.thread.x', 'filterSize')}
  ${divmod('tap', 'j', 'e', 'outC')}
  ${divmod('fy', 'fx', 'tap', 'fW')}
  ${divmod('c', 'q', 'j', 'mult')}
  const r0 = g * rows;
  ${divmod('n', 'oy', 'r0', 'outH')}
  const tapBase = (fy * dH * xCols + fx * dW) * inC + c;
  const xStep = sW * inC;
  let di = r0 * outW * outC + j;
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

export const depthwiseConv2DBackpropFilterKernel: KernelConfig<DepthwiseConvAttrs> = {
  kernelName: 'DepthwiseConv2DBackpropFilter',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [x, dy], attrs: { info }, backend }) =>
    filterGradient(backend as GpuBackend, depthwiseConv2DBackpropFilter, x, dy, info, [info.filterHeight, info.filterWidth, info.inChannels, info.channelMultiplier]),
};
