import type { Tensor } from '../../tensor.js';
import { argumentError } from '../../util/errors.js';
import { checkKeys } from '../../util/options.js';
import { normalizeAxes, reducedShape } from '../../util/shape.js';

export interface ReduceOptions {
  /** Axes to reduce (negative counts from the end); all axes when left out. */
  axis?: number | number[];
  /** Keep reduced axes as size 1. */
  keepDims?: boolean;
}

/** Validates reduction options: the sorted, distinct axes and whether to keep them. */
export function parseReduceOptions(op: string, x: Tensor, options: ReduceOptions | undefined): { axes: number[]; keepDims: boolean } {
  if (options === undefined || options === null) return { axes: normalizeAxes(op, undefined, x.rank), keepDims: false };
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw argumentError(op, 'options', 'an object such as { axis, keepDims }', options);
  }
  checkKeys(op, options, ['axis', 'keepDims']);
  const { axis, keepDims = false } = options;
  if (axis !== undefined && typeof axis !== 'number' && !Array.isArray(axis)) {
    throw argumentError(op, 'axis', 'an integer or an array of integers', axis);
  }
  if (typeof keepDims !== 'boolean') throw argumentError(op, 'keepDims', 'a boolean', keepDims);
  return { axes: normalizeAxes(op, axis, x.rank), keepDims };
}

/**
 * Max, min and the arg reductions have no identity: reducing an axis of size 0 is an error (as in
 * NumPy) rather than a made-up value.
 */
export function assertNonEmptyAxes(op: string, x: Tensor, axes: readonly number[]): void {
  const empty = axes.find((a) => x.shape[a] === 0);
  if (empty !== undefined) {
    throw argumentError(op, 'axis', `an axis of non-zero size (x has shape [${x.shape}])`, empty);
  }
}

/** The shape to reshape a reduced result to when `keepDims` is set. */
export function keptShape(x: Tensor, axes: readonly number[]): number[] {
  return reducedShape(x.shape, axes, true);
}
