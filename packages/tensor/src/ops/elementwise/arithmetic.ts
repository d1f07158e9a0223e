import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { binary } from './binary.js';

// Broadcasting arithmetic (NumPy rules). Operands meet in a common dtype: bool < int32 < float32, with
// bool counted as int32; a plain integer beside an int32 tensor stays int32.

/** a + b. */
export function add(a: Tensor | TensorLike, b: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => binary('Add', 'add', a, b));
}

/** a - b. */
export function sub(a: Tensor | TensorLike, b: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => binary('Sub', 'sub', a, b));
}

/** a * b (int32 products wrap modulo 2^32). */
export function mul(a: Tensor | TensorLike, b: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => binary('Mul', 'mul', a, b));
}

/** True division a / b, always float32 (int32 / int32 too, like NumPy's `/`); x / 0 gives ±Infinity or NaN. */
export function div(a: Tensor | TensorLike, b: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => binary('Div', 'div', a, b, () => 'float32'));
}

/** a ** b (int32 ** int32 stays int32; a negative base with a fractional exponent gives NaN). */
export function pow(a: Tensor | TensorLike, b: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => binary('Pow', 'pow', a, b));
}

/** The larger of a and b elementwise (NaN wins). */
export function maximum(a: Tensor | TensorLike, b: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => binary('Maximum', 'maximum', a, b));
}

/** The smaller of a and b elementwise (NaN wins). */
export function minimum(a: Tensor | TensorLike, b: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => binary('Minimum', 'minimum', a, b));
}
