import { ENGINE } from '../../engine/engine.js';
import { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { normalizeAxis } from '../../util/shape.js';
import { convertToTensor } from '../convert.js';
import { readOptions } from '../elementwise/options.js';

export interface GatherOptions {
  /** The axis of x to index (negative counts from the end); 0 by default. */
  axis?: number;
}

/**
 * Picks slices of x along `axis` by int32 `indices`: the output shape is x.shape[:axis] + indices.shape
 * + x.shape[axis + 1:]. An index outside [0, x.shape[axis]) is an error that names it.
 */
export function gather(x: Tensor | TensorLike, indices: Tensor | TensorLike, options?: GatherOptions): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'gather');
    const idx = toIndices('gather', 'indices', indices);
    if (t.rank === 0) throw argumentError('gather', 'x', 'a tensor of rank at least 1', t);
    const axis = normalizeAxis('gather', readOptions('gather', options, ['axis']).axis ?? 0, t.rank);
    return ENGINE.runKernel('Gather', [t, idx], { axis });
  });
}

/** Converts an index argument to int32; plain numbers must be integers (never truncated). */
export function toIndices(op: string, arg: string, indices: Tensor | TensorLike): Tensor {
  if (!(indices instanceof Tensor)) {
    const flat: unknown[] = Array.isArray(indices) ? (indices as unknown[]).flat(Infinity) : [indices];
    const bad = flat.find((v) => typeof v === 'number' && !Number.isInteger(v));
    if (bad !== undefined) throw argumentError(op, arg, 'integers', indices);
  }
  return convertToTensor(indices, arg, op, 'int32');
}
