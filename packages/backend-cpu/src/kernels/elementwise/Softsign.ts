import { unaryKernel } from './unary-kernel.js';

/** x / (1 + |x|); ±Infinity gives ±1 rather than Infinity / Infinity. */
export const softsignKernel = unaryKernel('Softsign', (out, x) => {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    const a = Math.abs(v);
    out[i] = a === Infinity ? Math.sign(v) : v / (1 + a);
  }
});
