import { unaryKernel } from './unary-kernel.js';

/** alpha = 1: x for x >= 0, exp(x) - 1 below (expm1 keeps precision near 0). */
export const eluKernel = unaryKernel('Elu', (out, x) => {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = v < 0 ? Math.expm1(v) : v;
  }
});
