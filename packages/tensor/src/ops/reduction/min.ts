import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { convertToTensor } from '../convert.js';
import { reshape } from '../shape/reshape.js';
import { assertNonEmptyAxes, keptShape, parseReduceOptions, type ReduceOptions } from './reduce-options.js';

/** Smallest value over `axis` (NaN wins; bool gives "all"). Reducing an axis of size 0 is an error. */
export function min(x: Tensor | TensorLike, options: ReduceOptions = {}): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'min');
    const { axes, keepDims } = parseReduceOptions('min', t, options);
    assertNonEmptyAxes('min', t, axes);
    const out = ENGINE.runKernel('Min', [t], { axes });
    return keepDims ? reshape(out, keptShape(t, axes)) : out;
  });
}
