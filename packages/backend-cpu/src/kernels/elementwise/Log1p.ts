import { unaryKernel } from './unary-kernel.js';

export const log1pKernel = unaryKernel('Log1p', (out, x) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.log1p(x[i]);
});
