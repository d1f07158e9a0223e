// Tensor methods for the 'linalg' ops (declaration merging plus prototype assignments).
import { matMul, type MatMulOptions } from '../ops/linalg/mat-mul.js';
import { Tensor } from '../tensor.js';
import type { TensorLike } from '../types.js';

declare module '../tensor.js' {
  interface Tensor {
    /** `matMul(this, b, options)`: the matrix product over the last two axes, batched over the others. */
    matMul(b: Tensor | TensorLike, options?: MatMulOptions): Tensor;
  }
}

Tensor.prototype.matMul = function (this: Tensor, b: Tensor | TensorLike, options?: MatMulOptions): Tensor {
  return matMul(this, b, options);
};
