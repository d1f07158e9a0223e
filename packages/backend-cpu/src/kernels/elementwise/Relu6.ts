import { unaryKernel } from './unary-kernel.js';

export const relu6Kernel = unaryKernel('Relu6', (out, x) => {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = v < 0 ? 0 : v > 6 ? 6 : v;
  }
});
