import type { DepthwiseConvAttrs, KernelConfig } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { program } from '../../program.js';
import { CONV_ARGS, convUniforms, unravel4 } from './conv-uniforms.js';

/**
 * Inputs [dy, filter [fh, fw, inC, multiplier]]: dx element (n, iy, ix, c) gathers, for every tap whose
 * output position is a whole number in range (as in Conv2DBackpropInput), dy times the filter over
 * channel c's `mult` output channels c * mult + q.
 */
const depthwiseConv2DBackpropInput = program('DepthwiseConv2DBackpropInput/direct', () => `function (dy, w, ${CONV_ARGS}) {
  ${unravel4('this.thread.x', 'inH', 'inW', 'inC', ['n', 'iy', 'ix', 'c'])}
  const ty0 = iy + padT;
  const tx0 = ix + padL;
  const j0 = c * mult;
  let sum = 0;
  for (let fy = 0; fy < fH; fy++) {
    const ty = ty0 - fy * dH;
    const oy = Math.floor((ty + 0.5) / sH);
    if (ty >= 0 && oy * sH == ty && oy < outH) {
      const rowBase = (n * outH + oy) * outW;
      for (let fx = 0; fx < fW; fx++) {
        const tx = tx0 - fx * dW;
        const ox = Math.floor((tx + 0.5) / sW);
        if (tx >= 0 && ox * sW == tx && ox < outW) {
          const di = (rowBase + ox) * outC + j0;
          const wi = (fy * fW + fx) * outC + j0;
          for (let q = 0; q < mult; q++) {
            sum += dy[di + q] * w[wi + q];
          }
        }
      }
    }
  }
  return sum;
}`);

export const depthwiseConv2DBackpropInputKernel: KernelConfig<DepthwiseConvAttrs> = {
  kernelName: 'DepthwiseConv2DBackpropInput',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [dy, filter], attrs: { info }, backend }) =>
    (backend as GpuBackend).run(depthwiseConv2DBackpropInput, [dy, filter], convUniforms(info),
      [info.batchSize, info.inHeight, info.inWidth, info.inChannels], 'float32'),
};
