import { unaryKernel } from './unary-kernel.js';

/** log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)): exp never overflows and small terms keep their precision. */
export const softplusKernel = unaryKernel('Softplus', (out, x) => {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
  }
});
