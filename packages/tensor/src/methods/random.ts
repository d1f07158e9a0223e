// Tensor methods for the 'random' ops (declaration merging plus prototype assignments).
import { dropout, type DropoutOptions } from '../ops/random/dropout.js';
import { Tensor } from '../tensor.js';

declare module '../tensor.js' {
  interface Tensor {
    /** See `dropout`. */
    dropout(rate: number, options?: DropoutOptions): Tensor;
  }
}

Tensor.prototype.dropout = function (this: Tensor, rate: number, options?: DropoutOptions) {
  return dropout(this, rate, options);
};
