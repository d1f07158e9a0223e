import type { DepthwiseConvAttrs, KernelConfig } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { program } from '../../program.js';
import { paddedDy, releasePadded } from './conv-pad.js';
import { CONV_ARGS, convUniforms, unravel4 } from './conv-uniforms.js';

/**
 * Inputs [dy, filter [fh, fw, inC, multiplier]], stride 1: dx element (n, iy, ix, c) sums, over the
 * taps and q < mult, dy channel c * mult + q at output pixel (iy + padT - fy * dH, ix + padL - fx * dW)
 * times the filter. dy is zero-padded first as in Conv2DBackpropInput, so there are no bounds tests.
 */
const backpropInputPadded = program('DepthwiseConv2DBackpropInput/padded', () => `function (dyp, w, ${CONV_ARGS}, dRows, dCols) {
  ${unravel4('this.thread.x', 'inH', 'inW', 'inC', ['n', 'iy', 'ix', 'c'])}
  const j0 = c * mult;
  let dRow = ((n * dRows + iy + (fH - 1) * dH) * dCols + ix + (fW - 1) * dW) * outC + j0;
  const rowStep = dH * dCols * outC;
  const tapStep = dW * outC;
  let wi = j0;
  let sum = 0;
  for (let fy = 0; fy < fH; fy++) {
    let di = dRow;
    for (let fx = 0; fx < fW; fx++) {
      for (let q = 0; q < mult; q++) {
        sum += dyp[di + q] * w[wi + q];
      }
      di -= tapStep;
      wi += outC;
    }
    dRow -= rowStep;
  }
  return sum;
}`);

/**
 * Any stride: for every tap whose output position is a whole number in range (as in
 * Conv2DBackpropInput's strided program), dy times the filter over channel c's `mult` output channels.
 */
const backpropInputStrided = program('DepthwiseConv2DBackpropInput/strided', () => `function (dy, w, ${CONV_ARGS}) {
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
  kernelFunc: ({ inputs: [dy, filter], attrs: { info }, backend }) => {
    const gpu = backend as GpuBackend;
    const shape = [info.batchSize, info.inHeight, info.inWidth, info.inChannels];
    if (info.strideHeight !== 1 || info.strideWidth !== 1) {
      return gpu.run(backpropInputStrided, [dy, filter], convUniforms(info), shape, 'float32');
    }
    const dyp = paddedDy(gpu, dy, info);
    const out = gpu.run(backpropInputPadded, [dyp.tensor, filter], [...convUniforms(info), dyp.rows, dyp.cols], shape, 'float32');
    releasePadded(gpu, dyp);
    return out;
  },
};
