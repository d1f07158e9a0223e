import { erfc } from './erfc.js';
import { unaryKernel } from './unary-kernel.js';

/** Exact GELU: x * Phi(x) = 0.5 * x * erfc(-x / sqrt(2)); -Infinity gives 0 (the limit), not -Infinity * 0. */
export const geluKernel = unaryKernel('Gelu', (out, x) => {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = v === -Infinity ? 0 : 0.5 * v * erfc(-v * Math.SQRT1_2);
  }
});
