import type { KernelConfig, PoolAttrs } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { program } from '../../program.js';
import { CONV_ARGS, convUniforms, unravel4 } from './conv-uniforms.js';

/**
 * Input [dy]: dx element (n, iy, ix, c) gathers dy / count from every window containing it (its output
 * position a whole number in range, as in Conv2DBackpropInput), count being that window's number of
 * in-bounds elements (in-bounds rows times in-bounds columns), as AvgPool divides by.
 */
const avgPoolGrad = program('AvgPoolGrad/direct', () => `function (dy, ${CONV_ARGS}) {
  ${unravel4('this.thread.x', 'inH', 'inW', 'inC', ['n', 'iy', 'ix', 'c'])}
  const ty0 = iy + padT;
  const tx0 = ix + padL;
  let sum = 0;
  for (let fy = 0; fy < fH; fy++) {
    const ty = ty0 - fy * dH;
    const oy = Math.floor((ty + 0.5) / sH);
    if (ty >= 0 && oy * sH == ty && oy < outH) {
      const y0 = oy * sH - padT;
      let rows = 0;
      for (let gy = 0; gy < fH; gy++) {
        const wy = y0 + gy * dH;
        if (wy >= 0 && wy < inH) {
          rows += 1;
        }
      }
      const rowBase = (n * outH + oy) * outW;
      for (let fx = 0; fx < fW; fx++) {
        const tx = tx0 - fx * dW;
        const ox = Math.floor((tx + 0.5) / sW);
        if (tx >= 0 && ox * sW == tx && ox < outW) {
          const x0 = ox * sW - padL;
          let cols = 0;
          for (let gx = 0; gx < fW; gx++) {
            const wx = x0 + gx * dW;
            if (wx >= 0 && wx < inW) {
              cols += 1;
            }
          }
          sum += dy[(rowBase + ox) * inC + c] / (rows * cols);
        }
      }
    }
  }
  return sum;
}`);

export const avgPoolGradKernel: KernelConfig<PoolAttrs> = {
  kernelName: 'AvgPoolGrad',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [dy], attrs: { info }, backend }) =>
    (backend as GpuBackend).run(avgPoolGrad, [dy], convUniforms(info),
      [info.batchSize, info.inHeight, info.inWidth, info.inChannels], 'float32'),
};
