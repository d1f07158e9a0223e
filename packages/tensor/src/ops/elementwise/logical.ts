import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { broadcastShapes } from '../../util/shape.js';
import { convertToTensor } from '../convert.js';

// Logical ops take bool tensors (or JS booleans) only: a number is not silently read as true or false.

function boolOperand(x: Tensor | TensorLike, arg: string, op: string): Tensor {
  const t = convertToTensor(x, arg, op);
  if (t.dtype !== 'bool') throw argumentError(op, arg, "of dtype 'bool' (compare first, or cast)", t);
  return t;
}

function logicalBinary(kernel: 'LogicalAnd' | 'LogicalOr', op: string, a: Tensor | TensorLike, b: Tensor | TensorLike): Tensor {
  const x = boolOperand(a, 'a', op);
  const y = boolOperand(b, 'b', op);
  broadcastShapes(op, x.shape, y.shape);
  return ENGINE.runKernel(kernel, [x, y]);
}

/** a AND b, with broadcasting; both must be bool. */
export function logicalAnd(a: Tensor | TensorLike, b: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => logicalBinary('LogicalAnd', 'logicalAnd', a, b));
}

/** a OR b, with broadcasting; both must be bool. */
export function logicalOr(a: Tensor | TensorLike, b: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => logicalBinary('LogicalOr', 'logicalOr', a, b));
}

/** NOT x; x must be bool. */
export function logicalNot(x: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => ENGINE.runKernel('LogicalNot', [boolOperand(x, 'x', 'logicalNot')]));
}
