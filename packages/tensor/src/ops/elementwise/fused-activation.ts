import { FUSED_ACTIVATIONS, type FusedActivation } from '../../kernel-names.js';
import type { Tensor } from '../../tensor.js';
import { argumentError } from '../../util/errors.js';
import { relu, relu6, sigmoid, tanh } from './activations.js';
import { mul, sub } from './arithmetic.js';
import { greater, less } from './compare.js';
import { logicalAnd } from './logical.js';
import { square } from './unary.js';
import { where } from './where.js';

/** A fused op's `activation` option, checked ('linear' when left out). */
export function fusedActivation(op: string, activation: unknown): FusedActivation {
  if (activation === undefined) return 'linear';
  if (!(FUSED_ACTIVATIONS as readonly unknown[]).includes(activation)) {
    throw argumentError(op, 'activation', `one of ${FUSED_ACTIVATIONS.map((a) => `'${a}'`).join(', ')}`, activation);
  }
  return activation as FusedActivation;
}

/** The activation as its own op: the unfused path, and the reference the fused kernels match. */
export function applyActivation(x: Tensor, activation: FusedActivation): Tensor {
  switch (activation) {
    case 'linear':
      return x;
    case 'relu':
      return relu(x);
    case 'relu6':
      return relu6(x);
    case 'sigmoid':
      return sigmoid(x);
    case 'tanh':
      return tanh(x);
  }
}

/**
 * dy times the activation's slope, from its output y = activation(z): the same tensors the separate
 * activation's gradient computes (relu's z > 0 is y > 0; relu6's 0 < z < 6 is 0 < y < 6).
 */
export function activationGradient(dy: Tensor, y: Tensor, activation: FusedActivation): Tensor {
  switch (activation) {
    case 'linear':
      return dy;
    case 'relu':
      return where(greater(y, 0), dy, 0);
    case 'relu6':
      return where(logicalAnd(greater(y, 0), less(y, 6)), dy, 0);
    case 'sigmoid':
      return mul(dy, mul(y, sub(1, y)));
    case 'tanh':
      return mul(dy, sub(1, square(y)));
  }
}
