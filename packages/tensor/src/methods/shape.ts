// Tensor methods for the 'shape' ops (declaration merging plus prototype assignments).
import { broadcastTo } from '../ops/shape/broadcast-to.js';
import { expandDims, type ExpandDimsOptions } from '../ops/shape/expand-dims.js';
import { gather, type GatherOptions } from '../ops/shape/gather.js';
import { pad, type PadOptions } from '../ops/shape/pad.js';
import { reshape } from '../ops/shape/reshape.js';
import { slice } from '../ops/shape/slice.js';
import { squeeze, type SqueezeOptions } from '../ops/shape/squeeze.js';
import { tile } from '../ops/shape/tile.js';
import { transpose, type TransposeOptions } from '../ops/shape/transpose.js';
import { Tensor } from '../tensor.js';
import type { Shape, TensorLike } from '../types.js';

declare module '../tensor.js' {
  interface Tensor {
    /** See `reshape`. */
    reshape(shape: Shape): Tensor;
    /** See `transpose`. */
    transpose(options?: TransposeOptions): Tensor;
    /** See `expandDims`. */
    expandDims(options?: ExpandDimsOptions): Tensor;
    /** See `squeeze`. */
    squeeze(options?: SqueezeOptions): Tensor;
    /** The values as a rank-1 tensor (a reshape to [-1]: shares the buffer). */
    flatten(): Tensor;
    /** See `slice`. */
    slice(begin: number | number[], size?: number | number[]): Tensor;
    /** See `gather`. */
    gather(indices: Tensor | TensorLike, options?: GatherOptions): Tensor;
    /** See `pad`. */
    pad(paddings: [number, number][], options?: PadOptions): Tensor;
    /** See `tile`. */
    tile(reps: number[]): Tensor;
    /** See `broadcastTo`. */
    broadcastTo(shape: Shape): Tensor;
    /** A new tensor with the same values; it shares the buffer (a same-shape reshape) and is differentiable. */
    clone(): Tensor;
  }
}

Tensor.prototype.reshape = function (this: Tensor, shape: Shape) {
  return reshape(this, shape);
};
Tensor.prototype.transpose = function (this: Tensor, options?: TransposeOptions) {
  return transpose(this, options);
};
Tensor.prototype.expandDims = function (this: Tensor, options?: ExpandDimsOptions) {
  return expandDims(this, options);
};
Tensor.prototype.squeeze = function (this: Tensor, options?: SqueezeOptions) {
  return squeeze(this, options);
};
Tensor.prototype.flatten = function (this: Tensor) {
  return reshape(this, [-1]);
};
Tensor.prototype.slice = function (this: Tensor, begin: number | number[], size?: number | number[]) {
  return slice(this, begin, size);
};
Tensor.prototype.gather = function (this: Tensor, indices: Tensor | TensorLike, options?: GatherOptions) {
  return gather(this, indices, options);
};
Tensor.prototype.pad = function (this: Tensor, paddings: [number, number][], options?: PadOptions) {
  return pad(this, paddings, options);
};
Tensor.prototype.tile = function (this: Tensor, reps: number[]) {
  return tile(this, reps);
};
Tensor.prototype.broadcastTo = function (this: Tensor, shape: Shape) {
  return broadcastTo(this, shape);
};
Tensor.prototype.clone = function (this: Tensor) {
  return reshape(this, this.shape);
};
