import { unaryKernel } from './unary-kernel.js';

export const tanhKernel = unaryKernel('Tanh', (out, x) => {
  for (let i = 0; i < x.length; i++) out[i] = Math.tanh(x[i]);
});
