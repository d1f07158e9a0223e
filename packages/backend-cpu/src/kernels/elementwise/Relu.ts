import { unaryKernel } from './unary-kernel.js';

// `x < 0 ? 0 : x` lets NaN through instead of hiding it as 0
export const reluKernel = unaryKernel('Relu', (out, x) => {
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = v < 0 ? 0 : v;
  }
});
