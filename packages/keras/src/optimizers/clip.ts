import { add, clipByValue, div, maximum, mul, sqrt, square, sum, type Tensor } from '@neurite/tensor';

// Gradient clipping as Keras does it. Norms stay tensors (no read-back), so clipping never syncs a backend.

/** `g` rescaled so its L2 norm is at most `clipnorm` (unchanged when already within). */
export function clipByNorm(g: Tensor, clipnorm: number): Tensor {
  const norm = sqrt(sum(square(g)));
  return div(mul(g, clipnorm), maximum(norm, clipnorm));
}

/** Every gradient rescaled by one factor so that their joint L2 norm is at most `clipnorm`. */
export function clipByGlobalNorm(grads: readonly Tensor[], clipnorm: number): Tensor[] {
  if (grads.length === 0) return [];
  const squares = grads.map((g) => sum(square(g)));
  const globalNorm = sqrt(squares.reduce((a, b) => add(a, b)));
  const scale = div(clipnorm, maximum(globalNorm, clipnorm));
  return grads.map((g) => mul(g, scale));
}

/** `g` clamped elementwise to [-clipvalue, clipvalue]. */
export function clipByValueSymmetric(g: Tensor, clipvalue: number): Tensor {
  return clipByValue(g, -clipvalue, clipvalue);
}
