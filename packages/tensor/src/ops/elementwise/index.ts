// Ops of the 'elementwise' family: each op validates its arguments and runs kernels through the engine.
export { add, sub, mul, div, pow, maximum, minimum } from './arithmetic.js';
export { equal, notEqual, greater, greaterEqual, less, lessEqual } from './compare.js';
export { logicalAnd, logicalOr, logicalNot } from './logical.js';
export { neg, abs, sign, square, sqrt, rsqrt, exp, log, log1p } from './unary.js';
export { relu, relu6, leakyRelu, elu, selu, gelu, sigmoid, tanh, softplus, softsign } from './activations.js';
export type { LeakyReluOptions, GeluOptions } from './activations.js';
export { clipByValue } from './clip-by-value.js';
export { where } from './where.js';
export { softmax, logSoftmax, logSumExp } from './softmax.js';
export type { SoftmaxOptions } from './softmax.js';
export { cast } from './cast.js';
