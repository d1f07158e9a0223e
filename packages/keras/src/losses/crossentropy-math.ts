import {
  add, clipByValue, div, exp, greaterEqual, log, log1p, logSoftmax, mean, mul, neg, sub, sum, where, type Tensor,
} from '@neurite/tensor';

/** Keras's fuzz factor: probabilities are clipped to [EPSILON, 1 - EPSILON] before their log. */
export const EPSILON = 1e-7;

/**
 * Element-wise binary crossentropy of labels z and logits x in the stable form
 * max(x, 0) - x·z + log(1 + exp(-|x|)). Written with where on x >= 0 (not relu and abs) so that the
 * gradient at x = 0 is exactly sigmoid(0) - z.
 */
export function sigmoidCrossEntropyWithLogits(z: Tensor, x: Tensor): Tensor {
  const nonNegative = greaterEqual(x, 0);
  const positivePart = where(nonNegative, x, 0);
  const negAbs = where(nonNegative, neg(x), x);
  return add(sub(positivePart, mul(x, z)), log1p(exp(negAbs)));
}

/** Element-wise binary crossentropy of labels z and probabilities p, clipped to [ε, 1 - ε]. */
export function binaryCrossentropyFromProbs(z: Tensor, p: Tensor): Tensor {
  const clipped = clipByValue(p, EPSILON, 1 - EPSILON);
  return neg(add(mul(z, log(clipped)), mul(sub(1, z), log(sub(1, clipped)))));
}

/** Binary crossentropy averaged over `axis` (the per-sample loss). */
export function binaryCrossentropy(z: Tensor, pred: Tensor, fromLogits: boolean, axis: number): Tensor {
  const elementwise = fromLogits ? sigmoidCrossEntropyWithLogits(z, pred) : binaryCrossentropyFromProbs(z, pred);
  return mean(elementwise, { axis });
}

/**
 * -Σ z·log(q) over `axis`: q = softmax(pred) through logSoftmax with logits, else pred rescaled to sum to
 * 1 over the axis and clipped to [ε, 1 - ε] (as Keras, so unnormalised scores still give a loss).
 */
export function categoricalCrossentropy(z: Tensor, pred: Tensor, fromLogits: boolean, axis: number): Tensor {
  let logProbs: Tensor;
  if (fromLogits) {
    logProbs = logSoftmax(pred, { axis });
  } else {
    const probs = div(pred, sum(pred, { axis, keepDims: true }));
    logProbs = log(clipByValue(probs, EPSILON, 1 - EPSILON));
  }
  return neg(sum(mul(z, logProbs), { axis }));
}
