import type { Tensor } from '../tensor.js';
import type { Shape } from '../types.js';
import { broadcastedAxes, shapesEqual } from '../util/shape.js';
import { sum } from './reduction/sum.js';
import { reshape } from './shape/reshape.js';

/** Sums a gradient over the axes an input was broadcast along, back to the input's shape. */
export function sumToShape(dy: Tensor, shape: Shape): Tensor {
  if (shapesEqual(dy.shape, shape)) return dy;
  const axes = broadcastedAxes(shape, dy.shape);
  const reduced = axes.length ? sum(dy, { axis: axes }) : dy;
  return reshape(reduced, shape);
}
