import { argumentError } from '../../util/errors.js';

/** Options objects are optional but must be plain objects when given. */
export function optionsObject<T extends object>(op: string, options: T | undefined, example: string): T {
  if (options === undefined) return {} as T;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw argumentError(op, 'options', `an object such as ${example}`, options);
  }
  return options;
}

/** Axis in [-(rank + 1), rank] for ops that insert an axis (expandDims, stack). */
export function insertionAxis(op: string, axis: unknown, rank: number): number {
  if (typeof axis !== 'number' || !Number.isInteger(axis) || axis < -(rank + 1) || axis > rank) {
    throw argumentError(op, 'axis', `an integer in [${-(rank + 1)}, ${rank}] for a tensor of rank ${rank}`, axis);
  }
  return axis < 0 ? axis + rank + 1 : axis;
}
