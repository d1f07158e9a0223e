import { poolKernel } from './pool-kernel.js';
import { windowGatherProgram } from './window-gather.js';

/**
 * Kernel-source loop: `count` = the window's number of in-bounds taps along axis y (rows, from y0) or
 * x (columns, from x0). The window's element count is its rows times its columns, so each axis is
 * counted on its own: the rows once per window row, the columns once per window.
 */
function countInBounds(count: string, axis: 'y' | 'x'): string {
  const [taps, dilation, size] = axis === 'y' ? ['fH', 'dH', 'inH'] : ['fW', 'dW', 'inW'];
  return `let ${count} = 0;
for (let g${axis} = 0; g${axis} < ${taps}; g${axis}++) {
  const w${axis} = ${axis}0 + g${axis} * ${dilation};
  if (w${axis} >= 0 && w${axis} < ${size}) {
    ${count} += 1;
  }
}`;
}

/**
 * Input [dy]: dx element (n, iy, ix, c) gathers dy / count from every window containing it
 * (window-gather.ts), count being that window's number of in-bounds elements, as AvgPool divides by.
 */
const avgPoolGrad = windowGatherProgram('AvgPoolGrad/direct', 'dy', {
  row: `const y0 = oy * sH - padT;
${countInBounds('rows', 'y')}
const rowBase = (n * outH + oy) * outW;`,
  tap: `const x0 = ox * sW - padL;
${countInBounds('cols', 'x')}
sum += dy[(rowBase + ox) * inC + c] / (rows * cols);`,
});

export const avgPoolGradKernel = poolKernel('AvgPoolGrad', avgPoolGrad, 'input');
