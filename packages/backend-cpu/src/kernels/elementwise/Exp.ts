import { unaryKernel } from './unary-kernel.js';

export const expKernel = unaryKernel('Exp', (out, x) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.exp(x[i]);
});
