import { binaryKernel } from './binary-kernel.js';

/** NaN in either operand gives NaN (as NumPy's minimum). */
export const minimumKernel = binaryKernel('Minimum', (out, o, a, ai, sa, b, bi, sb, n) => {
  for (let i = 0; i < n; i++, ai += sa, bi += sb) out[o + i] = Math.min(a[ai], b[bi]);
});
