import { ENGINE } from '../../engine/engine.js';
import type { BinaryKernelName } from '../../kernel-names.js';
import type { Tensor } from '../../tensor.js';
import { upcastDType, type DType, type TensorLike } from '../../types.js';
import { broadcastShapes } from '../../util/shape.js';
import { convertPair } from '../convert.js';
import { cast } from './cast.js';

/**
 * Runs a broadcasting binary kernel: converts both operands, checks their shapes broadcast (the error
 * shows both), and brings them to a common dtype (bool < int32 < float32).
 */
export function binary(kernel: BinaryKernelName, op: string, a: Tensor | TensorLike, b: Tensor | TensorLike, dtype?: DType): Tensor {
  const [x, y] = convertPair(a, b, op);
  broadcastShapes(op, x.shape, y.shape);
  const common = dtype ?? upcastDType(x.dtype, y.dtype);
  return ENGINE.runKernel(kernel, [cast(x, common), cast(y, common)]);
}

/** a + b, with broadcasting. */
export function add(a: Tensor | TensorLike, b: Tensor | TensorLike): Tensor {
  return binary('Add', 'add', a, b);
}
