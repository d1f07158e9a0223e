import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { convertToTensor } from '../convert.js';
import { reshape } from '../shape/reshape.js';
import { assertNonEmptyAxes, keptShape, parseReduceOptions, type ReduceOptions } from './reduce-options.js';

/** Largest value over `axis` (NaN wins; bool gives "any"). Reducing an axis of size 0 is an error. */
export function max(x: Tensor | TensorLike, options: ReduceOptions = {}): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'max');
    const { axes, keepDims } = parseReduceOptions('max', t, options);
    assertNonEmptyAxes('max', t, axes);
    const out = ENGINE.runKernel('Max', [t], { axes });
    return keepDims ? reshape(out, keptShape(t, axes)) : out;
  });
}
