import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { checkKeys } from '../../util/options.js';
import { normalizeAxis } from '../../util/shape.js';
import { convertToTensor } from '../convert.js';
import { assertNonEmptyAxes } from './reduce-options.js';

export interface ArgReduceOptions {
  /** The axis to search along (negative counts from the end); 0 by default. */
  axis?: number;
}

function argReduce(op: string, kernel: 'ArgMax' | 'ArgMin', x: Tensor | TensorLike, options: ArgReduceOptions): Tensor {
  const t = convertToTensor(x, 'x', op);
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw argumentError(op, 'options', 'an object such as { axis }', options);
  }
  checkKeys(op, options, ['axis']);
  if (t.rank === 0) throw argumentError(op, 'x', 'a tensor of rank at least 1', t);
  const axis = normalizeAxis(op, options.axis ?? 0, t.rank);
  assertNonEmptyAxes(op, t, [axis]);
  return ENGINE.runKernel(kernel, [t], { axis });
}

/** The int32 index of the largest value along `axis` (ties: the first index; NaN counts as largest). */
export function argMax(x: Tensor | TensorLike, options: ArgReduceOptions = {}): Tensor {
  return ENGINE.tidy(() => argReduce('argMax', 'ArgMax', x, options));
}

/** The int32 index of the smallest value along `axis` (ties: the first index; NaN counts as smallest). */
export function argMin(x: Tensor | TensorLike, options: ArgReduceOptions = {}): Tensor {
  return ENGINE.tidy(() => argReduce('argMin', 'ArgMin', x, options));
}
