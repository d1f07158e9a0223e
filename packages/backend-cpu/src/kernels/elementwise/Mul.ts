import { binaryKernel } from './binary-kernel.js';

export const mulKernel = binaryKernel('Mul', (out, o, a, ai, sa, b, bi, sb, n) => {
  // Math.imul keeps int32 products exact modulo 2^32 (a double product loses low bits past 2^53)
  if (out instanceof Int32Array) for (let i = 0; i < n; i++, ai += sa, bi += sb) out[o + i] = Math.imul(a[ai], b[bi]);
  else for (let i = 0; i < n; i++, ai += sa, bi += sb) out[o + i] = a[ai] * b[bi];
});
