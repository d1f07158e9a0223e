import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { NeuriteError, argumentError } from '../../util/errors.js';
import { convertToTensor } from '../convert.js';
import { concat } from './concat.js';
import { reshape } from './reshape.js';
import { insertionAxis } from './validate.js';
import { readOptions } from '../elementwise/options.js';

export interface StackOptions {
  /** Where the new axis goes, in [-(rank + 1), rank]; 0 by default. */
  axis?: number;
}

/** Stacks tensors of one shape along a new axis (a composite of reshape and concat). */
export function stack(tensors: (Tensor | TensorLike)[], options?: StackOptions): Tensor {
  return ENGINE.tidy(() => {
    if (!Array.isArray(tensors) || tensors.length === 0) {
      throw argumentError('stack', 'tensors', 'a non-empty array of tensors', tensors);
    }
    const ts = tensors.map((x, i) => convertToTensor(x, `tensors[${i}]`, 'stack'));
    const shape = ts[0].shape;
    const axis = insertionAxis('stack', readOptions('stack', options, ['axis']).axis ?? 0, shape.length);
    ts.forEach((t, i) => {
      if (t.rank !== shape.length || t.shape.some((d, a) => d !== shape[a])) {
        throw new NeuriteError(`stack: tensors[${i}] has shape [${t.shape}], but tensors[0] has shape [${shape}]; all must match`);
      }
    });
    const expanded = [...shape.slice(0, axis), 1, ...shape.slice(axis)];
    return concat(ts.map((t) => reshape(t, expanded)), { axis });
  });
}
