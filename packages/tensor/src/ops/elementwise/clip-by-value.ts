import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { convertToTensor } from '../convert.js';
import { cast } from './cast.js';

/**
 * Clamps x to [min, max] (NaN stays NaN). int32 stays int32 when both bounds are integers; otherwise
 * the result is float32. The gradient passes where min <= x <= max.
 */
export function clipByValue(x: Tensor | TensorLike, min: number, max: number): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'clipByValue');
    if (typeof min !== 'number' || Number.isNaN(min)) throw argumentError('clipByValue', 'min', 'a number', min);
    if (typeof max !== 'number' || Number.isNaN(max)) throw argumentError('clipByValue', 'max', 'a number', max);
    if (min > max) throw argumentError('clipByValue', 'max', `at least min (${min})`, max);
    const integral = t.dtype !== 'float32' && Number.isInteger(min) && Number.isInteger(max);
    return ENGINE.runKernel('ClipByValue', [cast(t, integral ? 'int32' : 'float32')], { min, max });
  });
}
