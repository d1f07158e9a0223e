import { unaryKernel } from './unary-kernel.js';

export const sqrtKernel = unaryKernel('Sqrt', (out, x) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.sqrt(x[i]);
});
