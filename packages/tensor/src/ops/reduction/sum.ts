import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { normalizeAxes, reducedShape } from '../../util/shape.js';
import { convertToTensor } from '../convert.js';
import { cast } from '../elementwise/cast.js';
import { reshape } from '../shape/reshape.js';

export interface ReduceOptions {
  /** Axes to reduce (negative counts from the end); all axes when left out. */
  axis?: number | number[];
  /** Keep reduced axes as size 1. */
  keepDims?: boolean;
}

/** Sum over `axis` (bool sums as int32). */
export function sum(x: Tensor | TensorLike, options: ReduceOptions = {}): Tensor {
  const t = convertToTensor(x, 'x', 'sum');
  const axes = normalizeAxes('sum', options.axis, t.rank);
  const input = t.dtype === 'bool' ? cast(t, 'int32') : t;
  const out = ENGINE.runKernel('Sum', [input], { axes });
  return options.keepDims ? reshape(out, reducedShape(t.shape, axes, true)) : out;
}
