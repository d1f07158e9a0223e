import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import { upcastDType, type TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { broadcastShapes } from '../../util/shape.js';
import { convertPair, convertToTensor } from '../convert.js';
import { broadcastTo } from '../shape/broadcast-to.js';
import { cast } from './cast.js';

/**
 * a where condition is true, b elsewhere. condition must be bool; condition, a and b broadcast together
 * (NumPy rules), and a and b meet in their common dtype.
 */
export function where(condition: Tensor | TensorLike, a: Tensor | TensorLike, b: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => {
    const c = convertToTensor(condition, 'condition', 'where');
    if (c.dtype !== 'bool') throw argumentError('where', 'condition', "of dtype 'bool' (compare first, or cast)", c);
    const [x, y] = convertPair(a, b, 'where');
    const shape = broadcastShapes('where', c.shape, broadcastShapes('where', x.shape, y.shape));
    const dtype = upcastDType(x.dtype, y.dtype);
    // the kernel takes inputs of one shape; broadcastTo returns a same-shaped input as is
    return ENGINE.runKernel('Select', [broadcastTo(c, shape), broadcastTo(cast(x, dtype), shape), broadcastTo(cast(y, dtype), shape)]);
  });
}
