import { binaryKernel } from './binary-kernel.js';

/** True division; the op always sends float32 inputs. */
export const divKernel = binaryKernel('Div', (out, o, a, ai, sa, b, bi, sb, n) => {
  for (let i = 0; i < n; i++, ai += sa, bi += sb) out[o + i] = a[ai] / b[bi];
});
