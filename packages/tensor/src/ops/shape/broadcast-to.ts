import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { Shape, TensorLike } from '../../types.js';
import { NeuriteError } from '../../util/errors.js';
import { assertValidShape, broadcastShapes, shapesEqual } from '../../util/shape.js';
import { convertToTensor } from '../convert.js';
import { reshape } from './reshape.js';

/** Repeats x along size-1 (or missing leading) axes to reach `shape`, NumPy style. */
export function broadcastTo(x: Tensor | TensorLike, shape: Shape): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'broadcastTo');
    assertValidShape('broadcastTo', 'shape', shape);
    if (t.rank > shape.length || !shapesEqual(broadcastShapes('broadcastTo', t.shape, shape), shape)) {
      throw new NeuriteError(`broadcastTo: x of shape [${t.shape}] cannot be broadcast to shape [${shape}]`);
    }
    // same shape: a new tensor over the same buffer
    if (shapesEqual(t.shape, shape)) return reshape(t, shape);
    const padded = t.rank < shape.length ? reshape(t, [...new Array(shape.length - t.rank).fill(1), ...t.shape]) : t;
    return ENGINE.runKernel('BroadcastTo', [padded], { shape: [...shape] });
  });
}
