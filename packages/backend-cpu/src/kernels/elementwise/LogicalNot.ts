import { unaryKernel } from './unary-kernel.js';

export const logicalNotKernel = unaryKernel('LogicalNot', (out, x) => {
  for (let i = 0; i < x.length; i++) out[i] = x[i] ? 0 : 1;
});
