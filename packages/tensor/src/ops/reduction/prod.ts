import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { convertToTensor } from '../convert.js';
import { cast } from '../elementwise/cast.js';
import { reshape } from '../shape/reshape.js';
import { keptShape, parseReduceOptions, type ReduceOptions } from './reduce-options.js';

/** Product over `axis` (bool multiplies as int32; an empty axis gives 1). */
export function prod(x: Tensor | TensorLike, options: ReduceOptions = {}): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'prod');
    const { axes, keepDims } = parseReduceOptions('prod', t, options);
    const input = t.dtype === 'bool' ? cast(t, 'int32') : t;
    const out = ENGINE.runKernel('Prod', [input], { axes });
    return keepDims ? reshape(out, keptShape(t, axes)) : out;
  });
}
