import { binaryKernel } from './binary-kernel.js';

export const powKernel = binaryKernel('Pow', (out, o, a, ai, sa, b, bi, sb, n) => {
  for (let i = 0; i < n; i++, ai += sa, bi += sb) out[o + i] = Math.pow(a[ai], b[bi]);
});
