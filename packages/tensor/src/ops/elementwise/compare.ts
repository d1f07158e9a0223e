import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { DType, TensorLike } from '../../types.js';
import { binary } from './binary.js';

// Broadcasting comparisons: operands meet in their common dtype and the result is bool. NaN compares
// unequal to everything, itself included.

const sameDType = (common: DType): DType => common;

/** a == b. */
export function equal(a: Tensor | TensorLike, b: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => binary('Equal', 'equal', a, b, sameDType));
}

/** a != b. */
export function notEqual(a: Tensor | TensorLike, b: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => binary('NotEqual', 'notEqual', a, b, sameDType));
}

/** a > b. */
export function greater(a: Tensor | TensorLike, b: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => binary('Greater', 'greater', a, b, sameDType));
}

/** a >= b. */
export function greaterEqual(a: Tensor | TensorLike, b: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => binary('GreaterEqual', 'greaterEqual', a, b, sameDType));
}

/** a < b. */
export function less(a: Tensor | TensorLike, b: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => binary('Less', 'less', a, b, sameDType));
}

/** a <= b. */
export function lessEqual(a: Tensor | TensorLike, b: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => binary('LessEqual', 'lessEqual', a, b, sameDType));
}
