import type { ConvAttrs, KernelConfig } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { program } from '../../program.js';
import { paddedDy, releasePadded } from './conv-pad.js';
import { CONV_ARGS, convUniforms, unravel4 } from './conv-uniforms.js';

/**
 * Inputs [dy, filter HWIO], stride 1: dx element (n, iy, ix, c) sums dy at output pixel
 * (iy + padT - fy * dH, ix + padL - fx * dW) times filter row (fy, fx, c) over the taps and output
 * channels. dy is first zero-padded by (filter - 1) * dilation - pad before it (conv-pad.ts), so every
 * tap reads it in bounds: the loops have uniform bounds and no tests, and the channel loop walks dy and
 * the filter by 1. (Out-of-range taps multiply a padding zero; a non-finite filter value would then
 * give NaN where skipping the tap would not.)
 */
const backpropInputPadded = program('Conv2DBackpropInput/padded', () => `function (dyp, w, ${CONV_ARGS}, dRows, dCols) {
  ${unravel4('this.thread.x', 'inH', 'inW', 'inC', ['n', 'iy', 'ix', 'c'])}
  let dRow = ((n * dRows + iy + (fH - 1) * dH) * dCols + ix + (fW - 1) * dW) * outC;
  const rowStep = dH * dCols * outC;
  const tapStep = dW * outC;
  const wTap = inC * outC;
  let wi = c * outC;
  let sum = 0;
  for (let fy = 0; fy < fH; fy++) {
    let di = dRow;
    for (let fx = 0; fx < fW; fx++) {
      let dk = di;
      let wk = wi;
      for (let o = 0; o < outC; o++) {
        sum += dyp[dk] * w[wk];
        dk += 1;
        wk += 1;
      }
      di -= tapStep;
      wi += wTap;
    }
    dRow -= rowStep;
  }
  return sum;
}`);

/**
 * Any stride: for every filter tap whose output position oy = (iy + padT - fy * dH) / sH (and likewise
 * ox) is a whole number in range, dy at that output pixel times the filter row (fy, fx, c), over the
 * output channels. `(t + 0.5) / s` floored is exact for the small non-negative integers t here; the
 * product check rejects positions between strides.
 */
const backpropInputStrided = program('Conv2DBackpropInput/strided', () => `function (dy, w, ${CONV_ARGS}) {
  ${unravel4('this.thread.x', 'inH', 'inW', 'inC', ['n', 'iy', 'ix', 'c'])}
  const ty0 = iy + padT;
  const tx0 = ix + padL;
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
          let dk = (rowBase + ox) * outC;
          let wk = ((fy * fW + fx) * inC + c) * outC;
          for (let o = 0; o < outC; o++) {
            sum += dy[dk] * w[wk];
            dk += 1;
            wk += 1;
          }
        }
      }
    }
  }
  return sum;
}`);

export const conv2DBackpropInputKernel: KernelConfig<ConvAttrs> = {
  kernelName: 'Conv2DBackpropInput',
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

