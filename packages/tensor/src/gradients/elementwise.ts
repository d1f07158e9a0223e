// Gradients of the 'elementwise' kernels, registered once for every backend. Binary kernels broadcast,
// so each input's gradient is summed back to its own shape (sumToShape).
import { registerGradient } from '../engine/kernel-registry.js';

import { zerosLike } from '../ops/creation.js';
import { sigmoid } from '../ops/elementwise/activations.js';
import { add, div, mul, pow, sub } from '../ops/elementwise/arithmetic.js';
import { greater, greaterEqual, less, lessEqual } from '../ops/elementwise/compare.js';
import { logicalAnd } from '../ops/elementwise/logical.js';
import { abs, exp, log, neg, sign, square } from '../ops/elementwise/unary.js';
import { where } from '../ops/elementwise/where.js';
import { sumToShape } from '../ops/grad-util.js';

// ---- binary arithmetic -----------------------------------------------------------------------------

registerGradient({
  kernelName: 'Add',
  gradFunc: ([dy], { inputs: [a, b] }) => [sumToShape(dy, a.shape), sumToShape(dy, b.shape)],
});

registerGradient({
  kernelName: 'Sub',
  gradFunc: ([dy], { inputs: [a, b] }) => [sumToShape(dy, a.shape), sumToShape(neg(dy), b.shape)],
});

registerGradient({
  kernelName: 'Mul',
  gradFunc: ([dy], { inputs: [a, b] }) => [sumToShape(mul(dy, b), a.shape), sumToShape(mul(dy, a), b.shape)],
});

// d(a/b)/db = -a/b^2 = -y/b, which never squares b (no overflow for tiny b)
registerGradient({
  kernelName: 'Div',
  gradFunc: ([dy], { inputs: [a, b], outputs: [y] }) => [
    sumToShape(div(dy, b), a.shape),
    sumToShape(neg(div(mul(dy, y), b)), b.shape),
  ],
});

/**
 * d(a^b)/da = b * a^(b-1); d(a^b)/db = a^b * log(a), defined only for a > 0: elsewhere the exponent gets
 * 0, and log sees 1 instead of a, so that no NaN leaks in through the masked branch.
 */
registerGradient({
  kernelName: 'Pow',
  gradFunc: ([dy], { inputs: [a, b], outputs: [y] }) => {
    const da = mul(dy, mul(b, pow(a, sub(b, 1))));
    const positive = greater(a, 0);
    const db = where(positive, mul(mul(dy, y), log(where(positive, a, 1))), 0);
    return [sumToShape(da, a.shape), sumToShape(db, b.shape)];
  },
});

// The larger (smaller) operand gets the gradient; on a tie it goes to a.
registerGradient({
  kernelName: 'Maximum',
  gradFunc: ([dy], { inputs: [a, b] }) => {
    const toA = greaterEqual(a, b);
    return [sumToShape(where(toA, dy, 0), a.shape), sumToShape(where(toA, 0, dy), b.shape)];
  },
});

registerGradient({
  kernelName: 'Minimum',
  gradFunc: ([dy], { inputs: [a, b] }) => {
    const toA = lessEqual(a, b);
    return [sumToShape(where(toA, dy, 0), a.shape), sumToShape(where(toA, 0, dy), b.shape)];
  },
});

// ---- unary math ------------------------------------------------------------------------------------

registerGradient({ kernelName: 'Neg', gradFunc: ([dy]) => [neg(dy)] });
registerGradient({ kernelName: 'Abs', gradFunc: ([dy], { inputs: [x] }) => [mul(dy, sign(x))] });
registerGradient({ kernelName: 'Sign', gradFunc: (_, { inputs: [x] }) => [zerosLike(x)] });
registerGradient({ kernelName: 'Square', gradFunc: ([dy], { inputs: [x] }) => [mul(dy, mul(x, 2))] });
registerGradient({ kernelName: 'Sqrt', gradFunc: ([dy], { outputs: [y] }) => [div(dy, mul(y, 2))] });
// d(x^-1/2)/dx = -1/2 x^-3/2 = -1/2 y^3
registerGradient({ kernelName: 'Rsqrt', gradFunc: ([dy], { outputs: [y] }) => [mul(dy, mul(mul(y, square(y)), -0.5))] });
registerGradient({ kernelName: 'Exp', gradFunc: ([dy], { outputs: [y] }) => [mul(dy, y)] });
registerGradient({ kernelName: 'Log', gradFunc: ([dy], { inputs: [x] }) => [div(dy, x)] });
registerGradient({ kernelName: 'Log1p', gradFunc: ([dy], { inputs: [x] }) => [div(dy, add(x, 1))] });

// ---- activations -----------------------------------------------------------------------------------

// the gradient at exactly 0 is 0 (x > 0), as in TensorFlow and PyTorch
registerGradient({ kernelName: 'Relu', gradFunc: ([dy], { inputs: [x] }) => [where(greater(x, 0), dy, 0)] });
registerGradient({
  kernelName: 'Relu6',
  gradFunc: ([dy], { inputs: [x] }) => [where(logicalAnd(greater(x, 0), less(x, 6)), dy, 0)],
});
registerGradient({
  kernelName: 'LeakyRelu',
  gradFunc: ([dy], { inputs: [x] }, { alpha }) => [where(greater(x, 0), dy, mul(dy, alpha))],
});
// below 0, elu(x) = exp(x) - 1, so its slope exp(x) is y + 1
registerGradient({
  kernelName: 'Elu',
  gradFunc: ([dy], { inputs: [x], outputs: [y] }) => [where(greater(x, 0), dy, mul(dy, add(y, 1)))],
});

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;
// below 0, selu(x) = scale * alpha * (exp(x) - 1), so its slope is y + scale * alpha
registerGradient({
  kernelName: 'Selu',
  gradFunc: ([dy], { inputs: [x], outputs: [y] }) => [
    where(greater(x, 0), mul(dy, SELU_SCALE), mul(dy, add(y, SELU_SCALE * SELU_ALPHA))),
  ],
});

/**
 * d(x Phi(x))/dx = Phi(x) + x phi(x). With no erf op, Phi(x) is recovered from the output as y / x.
 * Near 0 that ratio is 0/0, or a ratio of denormals that lost their digits, so there Phi is taken as
 * 1/2 (exact to 1e-20). phi(x) = exp(-x^2 / 2) / sqrt(2 pi).
 */
registerGradient({
  kernelName: 'Gelu',
  gradFunc: ([dy], { inputs: [x], outputs: [y] }) => {
    const nearZero = less(abs(x), 1e-20);
    const cdf = where(nearZero, 0.5, div(y, where(nearZero, 1, x)));
    const pdf = mul(exp(mul(square(x), -0.5)), 1 / Math.sqrt(2 * Math.PI));
    return [mul(dy, add(cdf, mul(x, pdf)))];
  },
});

registerGradient({
  kernelName: 'Sigmoid',
  gradFunc: ([dy], { outputs: [y] }) => [mul(dy, mul(y, sub(1, y)))],
});
registerGradient({ kernelName: 'Tanh', gradFunc: ([dy], { outputs: [y] }) => [mul(dy, sub(1, square(y)))] });
registerGradient({ kernelName: 'Softplus', gradFunc: ([dy], { inputs: [x] }) => [mul(dy, sigmoid(x))] });
registerGradient({
  kernelName: 'Softsign',
  gradFunc: ([dy], { inputs: [x] }) => [div(dy, square(add(abs(x), 1)))],
});

// ---- attributes and selection ----------------------------------------------------------------------

registerGradient({
  kernelName: 'ClipByValue',
  gradFunc: ([dy], { inputs: [x] }, { min, max }) => [where(logicalAnd(greaterEqual(x, min), lessEqual(x, max)), dy, 0)],
});

// the op broadcasts all three inputs to the output's shape (its broadcastTo gradients sum back)
registerGradient({
  kernelName: 'Select',
  gradFunc: ([dy], { inputs: [condition] }) => [null, where(condition, dy, 0), where(condition, 0, dy)],
});

// Cast: float32 to float32 never runs; to an integer type nothing flows back.
registerGradient({ kernelName: 'Cast', gradFunc: () => [null] });
