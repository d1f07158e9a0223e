import type { KernelConfig } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { program } from '../../program.js';
import { paddedX, releasePadded } from './conv-pad.js';
import { CONV_ARGS, convUniforms, tapRuns, unravel4 } from './conv-uniforms.js';

/**
 * Inputs [x NHWC, filter HWIO]: output element (n, oy, ox, o) sums x times filter over its window and
 * the input channels. x is first zero-padded to the windows' extent (conv-pad.ts), so the loops have
 * uniform bounds and no bounds tests: per filter row, `runs` runs of `runLen` consecutive x elements
 * (a whole filter row when there is no column dilation), while the filter is walked by outC.
 */
const conv2D = program('Conv2D/padded', () => `function (xp, w, ${CONV_ARGS}, xRows, xCols, runs, runLen, runStep) {
  ${unravel4('this.thread.x', 'outH', 'outW', 'outC', ['n', 'oy', 'ox', 'o'])}
  let xRow = ((n * xRows + oy * sH) * xCols + ox * sW) * inC;
  const rowStep = dH * xCols * inC;
  let wi = o;
  let sum = 0;
  for (let fy = 0; fy < fH; fy++) {
    let xi = xRow;
    for (let r = 0; r < runs; r++) {
      let xk = xi;
      for (let k = 0; k < runLen; k++) {
        sum += xp[xk] * w[wi];
        xk += 1;
        wi += outC;
      }
      xi += runStep;
    }
    xRow += rowStep;
  }
  return sum;
}`);

export const conv2DKernel: KernelConfig<'Conv2D'> = {
  kernelName: 'Conv2D',
  kernelSet: 'gpu',
  kernelFunc: ({ inputs: [x, filter], attrs: { info }, backend }) => {
    const gpu = backend as GpuBackend;
    const xp = paddedX(gpu, x, info);
    const out = gpu.run(conv2D, [xp.tensor, filter], [...convUniforms(info), xp.rows, xp.cols, ...tapRuns(info)],
      [info.batchSize, info.outHeight, info.outWidth, info.outChannels], 'float32');
    releasePadded(gpu, xp);
    return out;
  },
};
