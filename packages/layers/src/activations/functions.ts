import {
  add, clipByValue, div, elu as eluOp, exp, gelu as geluOp, leakyRelu as leakyReluOp, logSoftmax as logSoftmaxOp, mul,
  relu as reluOp, relu6 as relu6Op, selu as seluOp, sigmoid as sigmoidOp, softmax as softmaxOp,
  softplus as softplusOp, softsign as softsignOp, tanh as tanhOp, type Tensor,
} from '@neurite/tensor';

// Keras 3's activation functions with their default arguments, each a function of one tensor.

/** The identity (Keras's `linear`): returns `x` itself. */
export function linear(x: Tensor): Tensor {
  return x;
}

/** max(x, 0). */
export function relu(x: Tensor): Tensor {
  return reluOp(x);
}

/** min(max(x, 0), 6). */
export function relu6(x: Tensor): Tensor {
  return relu6Op(x);
}

/** 1 / (1 + exp(-x)). */
export function sigmoid(x: Tensor): Tensor {
  return sigmoidOp(x);
}

/** Hyperbolic tangent. */
export function tanh(x: Tensor): Tensor {
  return tanhOp(x);
}

/** exp(x) / sum(exp(x)) over the last axis. */
export function softmax(x: Tensor): Tensor {
  return softmaxOp(x, { axis: -1 });
}

/** log(softmax(x)) over the last axis, computed stably. */
export function logSoftmax(x: Tensor): Tensor {
  return logSoftmaxOp(x, { axis: -1 });
}

/** ELU with alpha = 1: x for x > 0, exp(x) - 1 below. */
export function elu(x: Tensor): Tensor {
  return eluOp(x);
}

/** Scaled ELU with the self-normalising constants. */
export function selu(x: Tensor): Tensor {
  return seluOp(x);
}

/** Exact GELU x * Phi(x) (Keras 3's default, `approximate=False`). */
export function gelu(x: Tensor): Tensor {
  return geluOp(x, { approximate: false });
}

/** log(1 + exp(x)). */
export function softplus(x: Tensor): Tensor {
  return softplusOp(x);
}

/** x / (1 + |x|). */
export function softsign(x: Tensor): Tensor {
  return softsignOp(x);
}

/** x for x >= 0, 0.2 x below (Keras 3's default negative slope). */
export function leakyRelu(x: Tensor): Tensor {
  return leakyReluOp(x, { alpha: 0.2 });
}

/** x * sigmoid(x) (Keras's `silu`, also called `swish`). */
export function silu(x: Tensor): Tensor {
  return mul(x, sigmoidOp(x));
}

/** relu6(x + 3) / 6, Keras 3's piecewise-linear sigmoid. */
export function hardSigmoid(x: Tensor): Tensor {
  return div(relu6Op(add(x, 3)), 6);
}

/**
 * clip(0.2 x + 0.5, 0, 1), the hard sigmoid of Keras 2 and TensorFlow.js (TensorFlow.js's LSTM and GRU
 * gates use it by default). Files from those read `hard_sigmoid` as this function.
 */
export function legacyHardSigmoid(x: Tensor): Tensor {
  return clipByValue(add(mul(x, 0.2), 0.5), 0, 1);
}

/** exp(x). */
export function exponential(x: Tensor): Tensor {
  return exp(x);
}

/**
 * Every built-in activation function, by camelCase name (`activations.leakyRelu(x)`); `swish` is
 * `silu`.
 */
export const activations = {
  linear, relu, relu6, sigmoid, tanh, softmax, logSoftmax, elu, selu, gelu, softplus, softsign, leakyRelu,
  silu, swish: silu, hardSigmoid, legacyHardSigmoid, exponential,
} as const;
