import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { convertToTensor } from '../convert.js';
import { reshape } from './reshape.js';
import { insertionAxis } from './validate.js';
import { readOptions } from '../elementwise/options.js';

export interface ExpandDimsOptions {
  /** Where the new size-1 axis goes, in [-(rank + 1), rank]; 0 by default. */
  axis?: number;
}

/** Inserts a size-1 axis (a reshape: shares the buffer). */
export function expandDims(x: Tensor | TensorLike, options?: ExpandDimsOptions): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'expandDims');
    const axis = insertionAxis('expandDims', readOptions('expandDims', options, ['axis']).axis ?? 0, t.rank);
    return reshape(t, [...t.shape.slice(0, axis), 1, ...t.shape.slice(axis)]);
  });
}
