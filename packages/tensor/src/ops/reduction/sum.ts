import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { convertToTensor } from '../convert.js';
import { cast } from '../elementwise/cast.js';
import { reshape } from '../shape/reshape.js';
import { keptShape, parseReduceOptions, type ReduceOptions } from './reduce-options.js';

export type { ReduceOptions } from './reduce-options.js';

/** Sum over `axis` (bool sums as int32; an empty axis sums to 0). */
export function sum(x: Tensor | TensorLike, options: ReduceOptions = {}): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'sum');
    const { axes, keepDims } = parseReduceOptions('sum', t, options);
    const input = t.dtype === 'bool' ? cast(t, 'int32') : t;
    const out = ENGINE.runKernel('Sum', [input], { axes });
    return keepDims ? reshape(out, keptShape(t, axes)) : out;
  });
}
