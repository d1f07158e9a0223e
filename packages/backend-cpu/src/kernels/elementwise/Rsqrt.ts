import { unaryKernel } from './unary-kernel.js';

export const rsqrtKernel = unaryKernel('Rsqrt', (out, x) => {
  for (let i = 0; i < x.length; i++) out[i] = 1 / Math.sqrt(x[i]);
});
