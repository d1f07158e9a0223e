import { unaryKernel } from './unary-kernel.js';

export const absKernel = unaryKernel('Abs', (out, x) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.abs(x[i]);
});
