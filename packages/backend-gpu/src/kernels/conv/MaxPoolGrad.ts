import type { KernelConfig, PoolAttrs } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { program } from '../../program.js';
import { CONV_ARGS, convUniforms, unravel4 } from './conv-uniforms.js';
import { MAX_POOL_TAKES } from './max-pool-rule.js';

/**
 * Inputs [dy, x]: dx element (n, iy, ix, c) gathers dy from every window that contains it at some tap
 * (fy, fx) (its output position a whole number in range, as in Conv2DBackpropInput) and whose maximum,
 * recomputed by MaxPool's rule, is at that tap. Ties go to the window's first maximum, as on the CPU.
 */
const maxPoolGrad = program('MaxPoolGrad/direct', () => `function (dy, x, ${CONV_ARGS}) {
  ${unravel4('this.thread.x', 'inH', 'inW', 'inC', ['n', 'iy', 'ix', 'c'])}
  const ty0 = iy + padT;
  const tx0 = ix + padL;
  const xBatch = n * inH;
  let sum = 0;
  for (let fy = 0; fy < fH; fy++) {
    const ty = ty0 - fy * dH;
    const oy = Math.floor((ty + 0.5) / sH);
    if (ty >= 0 && oy * sH == ty && oy < outH) {
      const y0 = oy * sH - padT;
      for (let fx = 0; fx < fW; fx++) {
        const tx = tx0 - fx * dW;
        const ox = Math.floor((tx + 0.5) / sW);
        if (tx >= 0 && ox * sW == tx && ox < outW) {
          const x0 = ox * sW - padL;
          let best = 0;
          let found = 0;
          let bestTap = -1;
          for (let gy = 0; gy < fH; gy++) {
            const wy = y0 + gy * dH;
            if (wy >= 0 && wy < inH) {
              const rowBase = (xBatch + wy) * inW;
              for (let gx = 0; gx < fW; gx++) {
                const wx = x0 + gx * dW;
                if (wx >= 0 && wx < inW) {
                  const v = x[(rowBase + wx) * inC + c];
                  if (${MAX_POOL_TAKES('v', 'best', 'found')}) {
                    best = v;
                    found = 1;
                    bestTap = gy * fW + gx;
                  }
                }
              }
            }
          }
          if (bestTap == fy * fW + fx) {
            sum += dy[((n * outH + oy) * outW + ox) * inC + c];
          }
        }
      }
    }
  }
  return sum;
}`);

export const maxPoolGradKernel: KernelConfig<PoolAttrs> = {
  kernelName: 'MaxPoolGrad',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [dy, x], attrs: { info }, backend }) =>
    (backend as GpuBackend).run(maxPoolGrad, [dy, x], convUniforms(info), x.shape, 'float32'),
};
