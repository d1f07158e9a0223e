import { maxPoolScan } from './max-pool-rule.js';
import { poolKernel } from './pool-kernel.js';
import { windowGatherProgram } from './window-gather.js';

/**
 * Inputs [dy, x]: dx element (n, iy, ix, c) gathers dy from every window that contains it at some tap
 * (fy, fx) (window-gather.ts) and whose maximum, recomputed by MaxPool's rule, is at that tap. Ties go
 * to the window's first maximum, as on the CPU.
 */
const maxPoolGrad = windowGatherProgram('MaxPoolGrad/direct', 'dy, x', {
  setup: 'const xBatch = n * inH;',
  row: 'const y0 = oy * sH - padT;',
  tap: `const x0 = ox * sW - padL;
let bestTap = -1;
${maxPoolScan({ tapY: 'gy', tapX: 'gx', row: 'wy', col: 'wx', imageRow: 'xBatch' }, 'bestTap = gy * fW + gx;')}
if (bestTap == fy * fW + fx) {
  sum += dy[((n * outH + oy) * outW + ox) * inC + c];
}`,
});

export const maxPoolGradKernel = poolKernel('MaxPoolGrad', maxPoolGrad, 'input');
