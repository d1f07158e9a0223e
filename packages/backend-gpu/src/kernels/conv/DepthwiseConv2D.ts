import type { DepthwiseConvAttrs, KernelConfig } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { divmod, program } from '../../program.js';
import { CONV_ARGS, convUniforms, unravel4 } from './conv-uniforms.js';

/**
 * Inputs [x NHWC, filter [fh, fw, inC, multiplier]]: output element (n, oy, ox, j), j = c * mult + q,
 * sums x channel c times filter column j over its window's in-bounds taps.
 */
const depthwiseConv2D = program('DepthwiseConv2D/direct', () => `function (x, w, ${CONV_ARGS}) {
  ${unravel4('this.thread.x', 'outH', 'outW', 'outC', ['n', 'oy', 'ox', 'j'])}
  ${divmod('c', 'q', 'j', 'mult')}
  const y0 = oy * sH - padT;
  const x0 = ox * sW - padL;
  let sum = 0;
  for (let fy = 0; fy < fH; fy++) {
    const iy = y0 + fy * dH;
    if (iy >= 0 && iy < inH) {
      const rowBase = (n * inH + iy) * inW;
      const wRow = fy * fW * outC + j;
      for (let fx = 0; fx < fW; fx++) {
        const ix = x0 + fx * dW;
        if (ix >= 0 && ix < inW) {
          sum += x[(rowBase + ix) * inC + c] * w[wRow + fx * outC];
        }
      }
    }
  }
  return sum;
}`);

export const depthwiseConv2DKernel: KernelConfig<DepthwiseConvAttrs> = {
  kernelName: 'DepthwiseConv2D',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [x, filter], attrs: { info }, backend }) =>
    (backend as GpuBackend).run(depthwiseConv2D, [x, filter], convUniforms(info),
      [info.batchSize, info.outHeight, info.outWidth, info.outChannels], 'float32'),
};
