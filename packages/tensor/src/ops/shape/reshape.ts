import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { Shape, TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { sizeFromShape } from '../../util/shape.js';
import { convertToTensor } from '../convert.js';

/** Same values, new shape (one dimension may be -1 and is inferred). Shares the buffer. */
export function reshape(x: Tensor | TensorLike, shape: Shape): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'reshape');
    if (!Array.isArray(shape)) throw argumentError('reshape', 'shape', 'an array of integers', shape);
    const inferred = inferShape(shape, t.size, t.shape);
    return ENGINE.runKernel('Reshape', [t], { shape: inferred });
  });
}

function inferShape(shape: Shape, size: number, from: Shape): number[] {
  const out = [...shape];
  const unknown = out.indexOf(-1);
  if (out.filter((d) => d === -1).length > 1 || out.some((d) => !Number.isInteger(d) || d < -1)) {
    throw argumentError('reshape', 'shape', 'non-negative integers with at most one -1', shape);
  }
  if (unknown >= 0) {
    const known = sizeFromShape(out.filter((d) => d !== -1));
    if (known === 0 || size % known !== 0) {
      throw argumentError('reshape', 'shape', `compatible with the input's ${size} elements (input shape [${from}])`, shape);
    }
    out[unknown] = size / known;
  }
  if (sizeFromShape(out) !== size) {
    throw argumentError('reshape', 'shape', `of size ${size}, like the input shape [${from}]`, shape);
  }
  return out;
}
