import { unaryKernel } from './unary-kernel.js';

export const squareKernel = unaryKernel('Square', (out, x) => {
  // Math.imul keeps int32 products exact modulo 2^32 (a double product loses low bits past 2^53)
  if (out instanceof Int32Array) for (let i = 0; i < x.length; i++) out[i] = Math.imul(x[i], x[i]);
  else for (let i = 0; i < x.length; i++) out[i] = x[i] * x[i];
});
