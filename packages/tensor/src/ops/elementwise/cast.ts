import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { DType, TensorLike } from '../../types.js';
import { assertDType, convertToTensor } from '../convert.js';

/** Converts to `dtype` (float to int truncates toward zero; anything non-zero becomes true). Same dtype: returns x. */
export function cast(x: Tensor | TensorLike, dtype: DType): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'cast');
    assertDType('cast', 'dtype', dtype);
    if (t.dtype === dtype) return t;
    return ENGINE.runKernel('Cast', [t], { dtype });
  });
}
