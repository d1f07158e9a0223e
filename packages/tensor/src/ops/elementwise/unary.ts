import { ENGINE } from '../../engine/engine.js';
import type { UnaryKernelName } from '../../kernel-names.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { convertToTensor } from '../convert.js';
import { cast } from './cast.js';

/** Runs a float kernel: int32 and bool inputs are computed in float32 (exp of an int32 is not an int). */
export function unaryFloat(kernel: UnaryKernelName, op: string, x: Tensor | TensorLike): Tensor {
  const t = convertToTensor(x, 'x', op);
  return ENGINE.runKernel(kernel, [cast(t, 'float32')]);
}

/** Runs a kernel whose result on integers is an integer: int32 stays int32, bool counts as int32. */
export function unaryKeepInt(kernel: UnaryKernelName, op: string, x: Tensor | TensorLike): Tensor {
  const t = convertToTensor(x, 'x', op);
  return ENGINE.runKernel(kernel, [t.dtype === 'bool' ? cast(t, 'int32') : t]);
}

/** -x (int32 stays int32). */
export function neg(x: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => unaryKeepInt('Neg', 'neg', x));
}

/** |x| (int32 stays int32). */
export function abs(x: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => unaryKeepInt('Abs', 'abs', x));
}

/** -1, 0 or 1 by the sign of x (NaN stays NaN; int32 stays int32). */
export function sign(x: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => unaryKeepInt('Sign', 'sign', x));
}

/** x * x (int32 stays int32). */
export function square(x: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => unaryKeepInt('Square', 'square', x));
}

/** Square root, float32 (negative x gives NaN). */
export function sqrt(x: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => unaryFloat('Sqrt', 'sqrt', x));
}

/** 1 / sqrt(x), float32 (0 gives Infinity). */
export function rsqrt(x: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => unaryFloat('Rsqrt', 'rsqrt', x));
}

/** e^x, float32. */
export function exp(x: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => unaryFloat('Exp', 'exp', x));
}

/** Natural logarithm, float32 (0 gives -Infinity, negative x NaN). */
export function log(x: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => unaryFloat('Log', 'log', x));
}

/** log(1 + x), float32, accurate for tiny x. */
export function log1p(x: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => unaryFloat('Log1p', 'log1p', x));
}
