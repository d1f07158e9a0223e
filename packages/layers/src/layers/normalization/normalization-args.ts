// Helpers shared by BatchNormalization and LayerNormalization.
import { NeuriteError, reshape, type Tensor } from '@neurite/tensor';
import { describeShape } from '../../engine/shape.js';
import { argError, checkInteger } from '../core/arguments.js';

/** An axis in [-rank, rank) as a non-negative index; the batch axis 0 is refused (it is what is averaged). */
export function normalizeLayerAxis(cls: string, axis: number, shape: readonly (number | null)[]): number {
  const rank = shape.length;
  const a = axis < 0 ? axis + rank : axis;
  if (a < 1 || a >= rank) {
    throw new NeuriteError(
      `${cls}: axis ${axis} is out of range for an input of rank ${rank} (axis 0, the batch, cannot be normalized over). Received: shape=${describeShape(shape)}`,
    );
  }
  if (shape[a] === null) {
    throw new NeuriteError(`${cls}: the size of axis ${axis} must be known. Received: shape=${describeShape(shape)}`);
  }
  return a;
}

/** An integer axis, or (when `allowList`) a non-empty array of distinct integers. */
export function checkAxisArg(cls: string, axis: unknown, allowList: boolean): number | number[] {
  if (allowList && Array.isArray(axis)) {
    if (axis.length === 0 || !axis.every((a) => Number.isInteger(a)) || new Set(axis).size !== axis.length) {
      throw argError(cls, 'axis', 'an integer or a non-empty array of distinct integers', axis);
    }
    return [...axis];
  }
  if (!allowList && Array.isArray(axis)) throw argError(cls, 'axis', 'an integer', axis);
  return checkInteger(cls, 'axis', axis);
}

/** `param` (whose axes are the input's `axes`, in order) reshaped to broadcast against an input of `rank`. */
export function broadcastParam(param: Tensor, axes: readonly number[], rank: number): Tensor {
  const shape = new Array<number>(rank).fill(1);
  axes.forEach((a, i) => {
    shape[a] = param.shape[i];
  });
  return reshape(param, shape);
}
