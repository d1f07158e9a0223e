import { argumentError } from '@neurite/tensor';
import type { LayerShape } from './shape.js';

const DTYPES = ['float32', 'int32', 'bool'] as const;

/** A shape given to a layer: dimensions that are non-negative integers, or null where unknown. */
export function checkLayerShape(cls: string, arg: string, shape: unknown): LayerShape {
  const ok = Array.isArray(shape) && shape.every((d) => d === null || (typeof d === 'number' && Number.isInteger(d) && d >= 0));
  if (!ok) throw argumentError(cls, arg, 'an array of non-negative integers or nulls', shape);
  return shape as LayerShape;
}

/**
 * The options every layer takes (LayerArgs), each checked for its type, so that `trainable: 'false'`
 * or `inputShape: 784` is an error naming the option rather than a layer that misbehaves later.
 */
export function checkLayerArgs(cls: string, args: Record<string, unknown>): void {
  const { name, trainable, dtype, inputShape, batchInputShape, batchSize } = args;
  if (name !== undefined && (typeof name !== 'string' || name === '')) throw argumentError(cls, 'name', 'a non-empty string', name);
  if (trainable !== undefined && typeof trainable !== 'boolean') throw argumentError(cls, 'trainable', 'a boolean', trainable);
  if (dtype !== undefined && !DTYPES.includes(dtype as never)) {
    throw argumentError(cls, 'dtype', `one of ${DTYPES.map((d) => `'${d}'`).join(', ')}`, dtype);
  }
  if (inputShape != null) checkLayerShape(cls, 'inputShape', inputShape);
  if (batchInputShape != null) checkLayerShape(cls, 'batchInputShape', batchInputShape);
  if (batchSize != null && !(typeof batchSize === 'number' && Number.isSafeInteger(batchSize) && batchSize > 0)) {
    throw argumentError(cls, 'batchSize', 'a positive integer', batchSize);
  }
}
