import { binaryKernel } from './binary-kernel.js';

export const greaterKernel = binaryKernel('Greater', (out, o, a, ai, sa, b, bi, sb, n) => {
  for (let i = 0; i < n; i++, ai += sa, bi += sb) out[o + i] = a[ai] > b[bi] ? 1 : 0;
}, 'bool');
