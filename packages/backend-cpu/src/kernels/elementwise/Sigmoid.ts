import { unaryKernel } from './unary-kernel.js';

/**
 * 1 / (1 + exp(-x)) from e = exp(-|x|), which never overflows: 1 / (1 + e) for x >= 0 and e / (1 + e)
 * below, so tiny results for very negative x keep their precision instead of becoming 1 - (almost 1).
 */
export const sigmoidKernel = unaryKernel('Sigmoid', (out, x) => {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const e = Math.exp(-Math.abs(v));
    const r = 1 / (1 + e);
    out[i] = v >= 0 ? r : e * r;
  }
});
