import type { DepthwiseConvAttrs, KernelConfig } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { divmod, program } from '../../program.js';
import { CONV_ARGS, convUniforms } from './conv-uniforms.js';
import { tapRangeSource } from './tap-range.js';

/**
 * Inputs [x, dy]: dFilter element (fy, fx, c, q), flat (fy * fw + fx) * outC + j with j = c * mult + q,
 * sums x channel c times dy channel j over the batch and the rectangle of output pixels whose window
 * puts the tap in bounds.
 */
const depthwiseConv2DBackpropFilter = program('DepthwiseConv2DBackpropFilter/direct', () => `function (x, dy, ${CONV_ARGS}) {
  ${divmod('tap', 'j', 'this.thread.x', 'outC')}
  ${divmod('fy', 'fx', 'tap', 'fW')}
  ${divmod('c', 'q', 'j', 'mult')}
  ${tapRangeSource('oyLo', 'ny', 'fy * dH - padT', 'sH', 'inH', 'outH')}
  ${tapRangeSource('oxLo', 'nx', 'fx * dW - padL', 'sW', 'inW', 'outW')}
  const iy0 = oyLo * sH + fy * dH - padT;
  const ix0 = oxLo * sW + fx * dW - padL;
  const xStepY = sH * inW * inC;
  const xStepX = sW * inC;
  let sum = 0;
  for (let n = 0; n < batch; n++) {
    let xRow = ((n * inH + iy0) * inW + ix0) * inC + c;
    let dRow = ((n * outH + oyLo) * outW + oxLo) * outC + j;
    for (let ky = 0; ky < ny; ky++) {
      let xi = xRow;
      let di = dRow;
      for (let kx = 0; kx < nx; kx++) {
        sum += x[xi] * dy[di];
        xi += xStepX;
        di += outC;
      }
      xRow += xStepY;
      dRow += outW * outC;
    }
  }
  return sum;
}`);

export const depthwiseConv2DBackpropFilterKernel: KernelConfig<DepthwiseConvAttrs> = {
  kernelName: 'DepthwiseConv2DBackpropFilter',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [x, dy], attrs: { info }, backend }) =>
    (backend as GpuBackend).run(depthwiseConv2DBackpropFilter, [x, dy], convUniforms(info),
      [info.filterHeight, info.filterWidth, info.inChannels, info.channelMultiplier], 'float32'),
};
