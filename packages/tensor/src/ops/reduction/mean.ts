import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { convertToTensor } from '../convert.js';
import { scalar } from '../creation.js';
import { cast } from '../elementwise/cast.js';
import { div } from '../elementwise/index.js';
import { parseReduceOptions, type ReduceOptions } from './reduce-options.js';
import { sum } from './sum.js';

/**
 * Arithmetic mean over `axis`, always float32 (int32 and bool are averaged as floats). A composite of
 * sum and div, so it needs no kernel or gradient of its own. An empty axis gives NaN.
 */
export function mean(x: Tensor | TensorLike, options: ReduceOptions = {}): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'mean');
    const { axes, keepDims } = parseReduceOptions('mean', t, options);
    const count = axes.reduce((n, a) => n * t.shape[a], 1);
    const total = sum(cast(t, 'float32'), { axis: axes, keepDims });
    return div(total, scalar(count));
  });
}
