import { unaryKernel } from './unary-kernel.js';

/** -1, 0 or 1 (NaN stays NaN). */
export const signKernel = unaryKernel('Sign', (out, x) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.sign(x[i]);
});
