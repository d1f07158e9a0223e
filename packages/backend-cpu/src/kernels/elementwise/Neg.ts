import { unaryKernel } from './unary-kernel.js';

// int32 wraps like two's complement: -(-2^31) stores as -2^31
export const negKernel = unaryKernel('Neg', (out, x) => {
  for (let i = 0; i < x.length; i++) out[i] = -x[i];
});
