// Tensor methods for the 'reduction' ops (declaration merging plus prototype assignments).
import { argMax, argMin, type ArgReduceOptions } from '../ops/reduction/arg-reduce.js';
import { max } from '../ops/reduction/max.js';
import { mean } from '../ops/reduction/mean.js';
import { min } from '../ops/reduction/min.js';
import { prod } from '../ops/reduction/prod.js';
import type { ReduceOptions } from '../ops/reduction/reduce-options.js';
import { sum } from '../ops/reduction/sum.js';
import { Tensor } from '../tensor.js';

declare module '../tensor.js' {
  interface Tensor {
    /** See `sum`. */
    sum(options?: ReduceOptions): Tensor;
    /** See `mean`. */
    mean(options?: ReduceOptions): Tensor;
    /** See `max`. */
    max(options?: ReduceOptions): Tensor;
    /** See `min`. */
    min(options?: ReduceOptions): Tensor;
    /** See `prod`. */
    prod(options?: ReduceOptions): Tensor;
    /** See `argMax`. */
    argMax(options?: ArgReduceOptions): Tensor;
    /** See `argMin`. */
    argMin(options?: ArgReduceOptions): Tensor;
  }
}

Tensor.prototype.sum = function (this: Tensor, options?: ReduceOptions) {
  return sum(this, options);
};
Tensor.prototype.mean = function (this: Tensor, options?: ReduceOptions) {
  return mean(this, options);
};
Tensor.prototype.max = function (this: Tensor, options?: ReduceOptions) {
  return max(this, options);
};
Tensor.prototype.min = function (this: Tensor, options?: ReduceOptions) {
  return min(this, options);
};
Tensor.prototype.prod = function (this: Tensor, options?: ReduceOptions) {
  return prod(this, options);
};
Tensor.prototype.argMax = function (this: Tensor, options?: ArgReduceOptions) {
  return argMax(this, options);
};
Tensor.prototype.argMin = function (this: Tensor, options?: ArgReduceOptions) {
  return argMin(this, options);
};
