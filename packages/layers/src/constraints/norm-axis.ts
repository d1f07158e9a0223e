import { NeuriteError, sqrt, square, sum, type Tensor } from '@neurite/tensor';
import { argumentError, describeValue } from '../initializers/argument-checks.js';

/** A norm constraint's `axis`: an integer or a non-empty list of distinct integers (Keras allows both). */
export function checkAxis(owner: string, axis: unknown): number | number[] {
  const ok = (a: unknown) => typeof a === 'number' && Number.isInteger(a);
  if (ok(axis)) return axis as number;
  if (Array.isArray(axis) && axis.length > 0 && axis.every(ok) && new Set(axis).size === axis.length) return [...axis];
  throw argumentError(owner, 'axis', 'an integer or a non-empty list of distinct integers', axis);
}

/**
 * The L2 norms of `w` along `axis`, kept as size-1 axes so they broadcast against `w`. An axis outside
 * the weight's rank is an error naming the constraint.
 */
export function normsAlong(owner: string, w: Tensor, axis: number | number[]): Tensor {
  for (const a of Array.isArray(axis) ? axis : [axis]) {
    if (a < -w.rank || a >= w.rank) {
      throw new NeuriteError(
        `${owner}: axis must be in [-${w.rank}, ${w.rank}) for a weight of shape [${w.shape.join(', ')}]. Received: axis=${describeValue(axis)}`,
      );
    }
  }
  return sqrt(sum(square(w), { axis, keepDims: true }));
}

/** Keras's backend epsilon, added to norms before dividing by them. */
export const EPSILON = 1e-7;
