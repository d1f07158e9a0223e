import { unaryKernel } from './unary-kernel.js';

export const logKernel = unaryKernel('Log', (out, x) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.log(x[i]);
});
