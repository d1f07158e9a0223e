import { ENGINE } from '../../engine/engine.js';
import type { BinaryKernelName } from '../../kernel-names.js';
import type { Tensor } from '../../tensor.js';
import { upcastDType, type DType, type TensorLike } from '../../types.js';
import { broadcastShapes } from '../../util/shape.js';
import { convertPair } from '../convert.js';
import { cast } from './cast.js';

/** Picks the dtype a binary kernel computes in from the operands' common dtype (bool < int32 < float32). */
export type ComputeDType = (common: DType) => DType;

/** Arithmetic never runs on bool: bool operands count as int32 (true + true = 2). */
export const arithmeticDType: ComputeDType = (common) => (common === 'bool' ? 'int32' : common);

/**
 * Runs a broadcasting binary kernel: converts both operands, checks that their shapes broadcast (the
 * error shows both), and casts them to the dtype the kernel computes in.
 */
export function binary(
  kernel: BinaryKernelName, op: string, a: Tensor | TensorLike, b: Tensor | TensorLike,
  computeDType: ComputeDType = arithmeticDType,
): Tensor {
  const [x, y] = convertPair(a, b, op);
  broadcastShapes(op, x.shape, y.shape);
  const dtype = computeDType(upcastDType(x.dtype, y.dtype));
  return ENGINE.runKernel(kernel, [cast(x, dtype), cast(y, dtype)]);
}
