import type { KernelConfig, PoolAttrs } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { program } from '../../program.js';
import { CONV_ARGS, convUniforms, unravel4 } from './conv-uniforms.js';

/**
 * Input x NHWC: output element (n, oy, ox, c) is the mean over its window's in-bounds elements only
 * (padding is not counted, as in TF and the CPU backend); 0 for a window with none.
 */
const avgPool = program('AvgPool/direct', () => `function (x, ${CONV_ARGS}) {
  ${unravel4('this.thread.x', 'outH', 'outW', 'inC', ['n', 'oy', 'ox', 'c'])}
  const y0 = oy * sH - padT;
  const x0 = ox * sW - padL;
  let sum = 0;
  let count = 0;
  for (let fy = 0; fy < fH; fy++) {
    const iy = y0 + fy * dH;
    if (iy >= 0 && iy < inH) {
      const rowBase = (n * inH + iy) * inW;
      for (let fx = 0; fx < fW; fx++) {
        const ix = x0 + fx * dW;
        if (ix >= 0 && ix < inW) {
          sum += x[(rowBase + ix) * inC + c];
          count += 1;
        }
      }
    }
  }
  return count > 0 ? sum / count : 0;
}`);

export const avgPoolKernel: KernelConfig<PoolAttrs> = {
  kernelName: 'AvgPool',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [x], attrs: { info }, backend }) =>
    (backend as GpuBackend).run(avgPool, [x], convUniforms(info),
      [info.batchSize, info.outHeight, info.outWidth, info.inChannels], 'float32'),
};
