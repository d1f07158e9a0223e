import type { KernelConfig, PoolAttrs } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { program } from '../../program.js';
import { CONV_ARGS, convUniforms, unravel4 } from './conv-uniforms.js';
import { MAX_POOL_TAKES } from './max-pool-rule.js';

/**
 * Input x NHWC: output element (n, oy, ox, c) is its window's maximum over the in-bounds taps, by the
 * CPU's rule (max-pool-rule.ts). A window with no in-bounds tap gives -Infinity.
 */
const maxPool = program('MaxPool/direct', () => `function (x, ${CONV_ARGS}) {
  ${unravel4('this.thread.x', 'outH', 'outW', 'inC', ['n', 'oy', 'ox', 'c'])}
  const y0 = oy * sH - padT;
  const x0 = ox * sW - padL;
  let best = 0;
  let found = 0;
  for (let fy = 0; fy < fH; fy++) {
    const iy = y0 + fy * dH;
    if (iy >= 0 && iy < inH) {
      const rowBase = (n * inH + iy) * inW;
      for (let fx = 0; fx < fW; fx++) {
        const ix = x0 + fx * dW;
        if (ix >= 0 && ix < inW) {
          const v = x[(rowBase + ix) * inC + c];
          if (${MAX_POOL_TAKES('v', 'best', 'found')}) {
            best = v;
            found = 1;
          }
        }
      }
    }
  }
  return found == 0 ? -Infinity : best;
}`);

export const maxPoolKernel: KernelConfig<PoolAttrs> = {
  kernelName: 'MaxPool',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [x], attrs: { info }, backend }) =>
    (backend as GpuBackend).run(maxPool, [x], convUniforms(info),
      [info.batchSize, info.outHeight, info.outWidth, info.inChannels], 'float32'),
};
