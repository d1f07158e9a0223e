import { argumentError } from '../../util/errors.js';

/** Axis in [-(rank + 1), rank] for ops that insert an axis (expandDims, stack). */
export function insertionAxis(op: string, axis: unknown, rank: number): number {
  if (typeof axis !== 'number' || !Number.isInteger(axis) || axis < -(rank + 1) || axis > rank) {
    throw argumentError(op, 'axis', `an integer in [${-(rank + 1)}, ${rank}] for a tensor of rank ${rank}`, axis);
  }
  return axis < 0 ? axis + rank + 1 : axis;
}
