// Tensor methods for the 'elementwise' ops (declaration merging plus prototype assignments).
import { relu, sigmoid, tanh } from '../ops/elementwise/activations.js';
import { add, div, maximum, minimum, mul, pow, sub } from '../ops/elementwise/arithmetic.js';
import { cast } from '../ops/elementwise/cast.js';
import { clipByValue } from '../ops/elementwise/clip-by-value.js';
import { equal, greater, greaterEqual, less, lessEqual, notEqual } from '../ops/elementwise/compare.js';
import { logicalAnd, logicalNot, logicalOr } from '../ops/elementwise/logical.js';
import { logSoftmax, softmax, type SoftmaxOptions } from '../ops/elementwise/softmax.js';
import { abs, exp, log, log1p, neg, rsqrt, sign, sqrt, square } from '../ops/elementwise/unary.js';
import { Tensor } from '../tensor.js';
import type { DType, TensorLike } from '../types.js';

declare module '../tensor.js' {
  interface Tensor {
    /** See `add`. */
    add(b: Tensor | TensorLike): Tensor;
    /** See `sub`. */
    sub(b: Tensor | TensorLike): Tensor;
    /** See `mul`. */
    mul(b: Tensor | TensorLike): Tensor;
    /** See `div`. */
    div(b: Tensor | TensorLike): Tensor;
    /** See `pow`. */
    pow(b: Tensor | TensorLike): Tensor;
    /** See `maximum`. */
    maximum(b: Tensor | TensorLike): Tensor;
    /** See `minimum`. */
    minimum(b: Tensor | TensorLike): Tensor;
    /** See `equal`. */
    equal(b: Tensor | TensorLike): Tensor;
    /** See `notEqual`. */
    notEqual(b: Tensor | TensorLike): Tensor;
    /** See `greater`. */
    greater(b: Tensor | TensorLike): Tensor;
    /** See `greaterEqual`. */
    greaterEqual(b: Tensor | TensorLike): Tensor;
    /** See `less`. */
    less(b: Tensor | TensorLike): Tensor;
    /** See `lessEqual`. */
    lessEqual(b: Tensor | TensorLike): Tensor;
    /** See `logicalAnd`. */
    logicalAnd(b: Tensor | TensorLike): Tensor;
    /** See `logicalOr`. */
    logicalOr(b: Tensor | TensorLike): Tensor;
    /** See `neg`. */
    neg(): Tensor;
    /** See `sqrt`. */
    sqrt(): Tensor;
    /** See `rsqrt`. */
    rsqrt(): Tensor;
    /** See `exp`. */
    exp(): Tensor;
    /** See `log`. */
    log(): Tensor;
    /** See `log1p`. */
    log1p(): Tensor;
    /** See `abs`. */
    abs(): Tensor;
    /** See `sign`. */
    sign(): Tensor;
    /** See `square`. */
    square(): Tensor;
    /** See `logicalNot`. */
    logicalNot(): Tensor;
    /** See `relu`. */
    relu(): Tensor;
    /** See `sigmoid`. */
    sigmoid(): Tensor;
    /** See `tanh`. */
    tanh(): Tensor;
    /** See `clipByValue`. */
    clipByValue(min: number, max: number): Tensor;
    /** See `softmax`. */
    softmax(options?: SoftmaxOptions): Tensor;
    /** See `logSoftmax`. */
    logSoftmax(options?: SoftmaxOptions): Tensor;
    /** See `cast`. */
    cast(dtype: DType): Tensor;
  }
}

Tensor.prototype.add = function (this: Tensor, b: Tensor | TensorLike) {
  return add(this, b);
};
Tensor.prototype.sub = function (this: Tensor, b: Tensor | TensorLike) {
  return sub(this, b);
};
Tensor.prototype.mul = function (this: Tensor, b: Tensor | TensorLike) {
  return mul(this, b);
};
Tensor.prototype.div = function (this: Tensor, b: Tensor | TensorLike) {
  return div(this, b);
};
Tensor.prototype.pow = function (this: Tensor, b: Tensor | TensorLike) {
  return pow(this, b);
};
Tensor.prototype.maximum = function (this: Tensor, b: Tensor | TensorLike) {
  return maximum(this, b);
};
Tensor.prototype.minimum = function (this: Tensor, b: Tensor | TensorLike) {
  return minimum(this, b);
};
Tensor.prototype.equal = function (this: Tensor, b: Tensor | TensorLike) {
  return equal(this, b);
};
Tensor.prototype.notEqual = function (this: Tensor, b: Tensor | TensorLike) {
  return notEqual(this, b);
};
Tensor.prototype.greater = function (this: Tensor, b: Tensor | TensorLike) {
  return greater(this, b);
};
Tensor.prototype.greaterEqual = function (this: Tensor, b: Tensor | TensorLike) {
  return greaterEqual(this, b);
};
Tensor.prototype.less = function (this: Tensor, b: Tensor | TensorLike) {
  return less(this, b);
};
Tensor.prototype.lessEqual = function (this: Tensor, b: Tensor | TensorLike) {
  return lessEqual(this, b);
};
Tensor.prototype.logicalAnd = function (this: Tensor, b: Tensor | TensorLike) {
  return logicalAnd(this, b);
};
Tensor.prototype.logicalOr = function (this: Tensor, b: Tensor | TensorLike) {
  return logicalOr(this, b);
};
Tensor.prototype.neg = function (this: Tensor) {
  return neg(this);
};
Tensor.prototype.sqrt = function (this: Tensor) {
  return sqrt(this);
};
Tensor.prototype.rsqrt = function (this: Tensor) {
  return rsqrt(this);
};
Tensor.prototype.exp = function (this: Tensor) {
  return exp(this);
};
Tensor.prototype.log = function (this: Tensor) {
  return log(this);
};
Tensor.prototype.log1p = function (this: Tensor) {
  return log1p(this);
};
Tensor.prototype.abs = function (this: Tensor) {
  return abs(this);
};
Tensor.prototype.sign = function (this: Tensor) {
  return sign(this);
};
Tensor.prototype.square = function (this: Tensor) {
  return square(this);
};
Tensor.prototype.logicalNot = function (this: Tensor) {
  return logicalNot(this);
};
Tensor.prototype.relu = function (this: Tensor) {
  return relu(this);
};
Tensor.prototype.sigmoid = function (this: Tensor) {
  return sigmoid(this);
};
Tensor.prototype.tanh = function (this: Tensor) {
  return tanh(this);
};
Tensor.prototype.clipByValue = function (this: Tensor, min: number, max: number) {
  return clipByValue(this, min, max);
};
Tensor.prototype.softmax = function (this: Tensor, options?: SoftmaxOptions) {
  return softmax(this, options);
};
Tensor.prototype.logSoftmax = function (this: Tensor, options?: SoftmaxOptions) {
  return logSoftmax(this, options);
};
Tensor.prototype.cast = function (this: Tensor, dtype: DType) {
  return cast(this, dtype);
};
