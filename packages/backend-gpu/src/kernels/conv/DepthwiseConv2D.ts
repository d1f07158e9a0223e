import type { KernelConfig } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { divmod, program } from '../../program.js';
import { paddedX, releasePadded } from './conv-pad.js';
import { CONV_ARGS, convUniforms, unravel4 } from './conv-uniforms.js';

/**
 * Inputs [x NHWC, filter [fh, fw, inC, multiplier]]: output element (n, oy, ox, j), j = c * mult + q,
 * sums x channel c times filter column j over its window. x is first zero-padded to the windows'
 * extent (conv-pad.ts), so the loops have uniform bounds and no bounds tests.
 */
const depthwiseConv2D = program('DepthwiseConv2D/padded', () => `function (xp, w, ${CONV_ARGS}, xRows, xCols) {
  ${unravel4('this.thread.x', 'outH', 'outW', 'outC', ['n', 'oy', 'ox', 'j'])}
  ${divmod('c', 'q', 'j', 'mult')}
  let xRow = ((n * xRows + oy * sH) * xCols + ox * sW) * inC + c;
  const rowStep = dH * xCols * inC;
  const tapStep = dW * inC;
  let wi = j;
  let sum = 0;
  for (let fy = 0; fy < fH; fy++) {
    let xi = xRow;
    for (let fx = 0; fx < fW; fx++) {
      sum += xp[xi] * w[wi];
      xi += tapStep;
      wi += outC;
    }
    xRow += rowStep;
  }
  return sum;
}`);

export const depthwiseConv2DKernel: KernelConfig<'DepthwiseConv2D'> = {
  kernelName: 'DepthwiseConv2D',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [x, filter], attrs: { info }, backend }) => {
    const gpu = backend as GpuBackend;
    const xp = paddedX(gpu, x, info);
    const out = gpu.run(depthwiseConv2D, [xp.tensor, filter], [...convUniforms(info), xp.rows, xp.cols],
      [info.batchSize, info.outHeight, info.outWidth, info.outChannels], 'float32');
    releasePadded(gpu, xp);
    return out;
  },
};
