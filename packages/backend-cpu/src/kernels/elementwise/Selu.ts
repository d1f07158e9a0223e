import { unaryKernel } from './unary-kernel.js';

/** The self-normalising constants of Klambauer et al. (2017). */
export const SELU_ALPHA = 1.6732632423543772;
export const SELU_SCALE = 1.0507009873554805;

export const seluKernel = unaryKernel('Selu', (out, x) => {
  const negScale = SELU_SCALE * SELU_ALPHA;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    out[i] = v < 0 ? negScale * Math.expm1(v) : SELU_SCALE * v;
  }
});
