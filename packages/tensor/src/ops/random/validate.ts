import type { Shape } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { checkKeys } from '../../util/options.js';
import { assertValidShape } from '../../util/shape.js';
import { SeedGenerator, seedToKey, type Seed } from '../../random/seed.js';

/** The options argument of a random op: undefined or a plain object with no keys but `known`. */
export function checkOptions(op: string, options: unknown, known: readonly string[]): void {
  if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
    throw argumentError(op, 'options', 'an object', options);
  }
  if (options !== undefined) checkKeys(op, options as object, known);
}

/** A copy of a valid output shape (non-negative integers, rank at most 6). */
export function checkShape(op: string, shape: Shape): number[] {
  assertValidShape(op, 'shape', shape);
  return [...shape];
}

export function checkFinite(op: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw argumentError(op, arg, 'a finite number', value);
  return value;
}

/**
 * Checks a seed without drawing from it, so an op can reject its other arguments first and a failed call
 * never advances a SeedGenerator or the global generator.
 */
export function checkSeed(op: string, seed: Seed): void {
  if (seed == null || seed instanceof SeedGenerator) return;
  seedToKey(op, seed);
}
