import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { NeuriteError, argumentError } from '../../util/errors.js';
import { normalizeAxis } from '../../util/shape.js';
import { convertToTensor } from '../convert.js';
import { reshape } from './reshape.js';
import { readOptions } from '../elementwise/options.js';

export interface ConcatOptions {
  /** The axis to join along (negative counts from the end); 0 by default. */
  axis?: number;
}

/** Joins tensors of the same rank and dtype along `axis`; every other axis must match. */
export function concat(tensors: (Tensor | TensorLike)[], options?: ConcatOptions): Tensor {
  return ENGINE.tidy(() => {
    if (!Array.isArray(tensors) || tensors.length === 0) {
      throw argumentError('concat', 'tensors', 'a non-empty array of tensors', tensors);
    }
    const ts = tensors.map((x, i) => convertToTensor(x, `tensors[${i}]`, 'concat'));
    const first = ts[0];
    if (first.rank === 0) throw argumentError('concat', 'tensors[0]', 'a tensor of rank at least 1', first);
    const axis = normalizeAxis('concat', readOptions('concat', options, ['axis']).axis ?? 0, first.rank);
    ts.forEach((t, i) => {
      if (t.dtype !== first.dtype) {
        throw argumentError('concat', `tensors[${i}].dtype`, `'${first.dtype}' (the dtype of tensors[0])`, t.dtype);
      }
      const matches = t.rank === first.rank && t.shape.every((d, a) => a === axis || d === first.shape[a]);
      if (!matches) {
        throw new NeuriteError(
          `concat: tensors[${i}] has shape [${t.shape}], which does not match tensors[0] of shape [${first.shape}] ` +
            `on every axis but axis ${axis}`,
        );
      }
    });
    if (ts.length === 1) return reshape(first, first.shape);
    return ENGINE.runKernel('Concat', ts, { axis });
  });
}
