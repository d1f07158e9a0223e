import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import { MAX_RANK, type TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { toIndices } from './gather.js';
import { readOptions } from '../elementwise/options.js';

export interface OneHotOptions {
  /** The value at the index; 1 by default. */
  onValue?: number;
  /** The value everywhere else; 0 by default. */
  offValue?: number;
}

/**
 * float32 one-hot rows: the output has shape indices.shape + [depth]; row r holds onValue at position
 * indices[r]. An index outside [0, depth) gives a row of offValue (as in TensorFlow).
 */
export function oneHot(indices: Tensor | TensorLike, depth: number, options?: OneHotOptions): Tensor {
  return ENGINE.tidy(() => {
    const idx = toIndices('oneHot', 'indices', indices);
    if (!Number.isInteger(depth) || depth < 0) throw argumentError('oneHot', 'depth', 'a non-negative integer', depth);
    if (idx.rank >= MAX_RANK) throw argumentError('oneHot', 'indices', `of rank below ${MAX_RANK}`, idx);
    const { onValue = 1, offValue = 0 } = readOptions('oneHot', options, ['onValue', 'offValue']);
    if (typeof onValue !== 'number') throw argumentError('oneHot', 'onValue', 'a number', onValue);
    if (typeof offValue !== 'number') throw argumentError('oneHot', 'offValue', 'a number', offValue);
    return ENGINE.runKernel('OneHot', [idx], { depth, onValue, offValue });
  });
}
