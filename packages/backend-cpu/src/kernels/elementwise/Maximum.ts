import { binaryKernel } from './binary-kernel.js';

/** NaN in either operand gives NaN (as NumPy's maximum). */
export const maximumKernel = binaryKernel('Maximum', (out, o, a, ai, sa, b, bi, sb, n) => {
  for (let i = 0; i < n; i++, ai += sa, bi += sb) out[o + i] = Math.max(a[ai], b[bi]);
});
