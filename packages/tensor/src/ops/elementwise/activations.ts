import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { convertToTensor } from '../convert.js';
import { add, mul } from './arithmetic.js';
import { cast } from './cast.js';
import { finiteNumber, readOptions } from './options.js';
import { square, unaryFloat, unaryKeepInt } from './unary.js';

/** max(x, 0) (int32 stays int32; NaN stays NaN). The gradient at 0 is 0. */
export function relu(x: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => unaryKeepInt('Relu', 'relu', x));
}

/** min(max(x, 0), 6) (int32 stays int32). */
export function relu6(x: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => unaryKeepInt('Relu6', 'relu6', x));
}

export interface LeakyReluOptions {
  /** The slope for negative x; 0.2 by default. */
  alpha?: number;
}

/** x for x >= 0, alpha * x below; float32. */
export function leakyRelu(x: Tensor | TensorLike, options?: LeakyReluOptions): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'leakyRelu');
    const { alpha } = readOptions('leakyRelu', options, ['alpha']);
    const a = finiteNumber('leakyRelu', 'alpha', alpha, 0.2);
    return ENGINE.runKernel('LeakyRelu', [cast(t, 'float32')], { alpha: a });
  });
}

/** Exponential linear unit with alpha = 1: x for x >= 0, exp(x) - 1 below; float32. */
export function elu(x: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => unaryFloat('Elu', 'elu', x));
}

/** Scaled ELU (Klambauer et al., 2017): scale * (x for x >= 0, alpha * (exp(x) - 1) below); float32. */
export function selu(x: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => unaryFloat('Selu', 'selu', x));
}

export interface GeluOptions {
  /** Use the tanh approximation instead of the exact erf form; false by default. */
  approximate?: boolean;
}

/** sqrt(2 / pi), the slope of the tanh approximation. */
const GELU_TANH_SCALE = Math.sqrt(2 / Math.PI);

/**
 * Gaussian error linear unit x * Phi(x), float32. `approximate: true` uses
 * 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))), built from other ops.
 */
export function gelu(x: Tensor | TensorLike, options?: GeluOptions): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'gelu');
    const { approximate = false } = readOptions('gelu', options, ['approximate']);
    if (typeof approximate !== 'boolean') throw argumentError('gelu', 'approximate', 'a boolean', approximate);
    if (!approximate) return unaryFloat('Gelu', 'gelu', t);
    const f = cast(t, 'float32');
    const inner = mul(add(f, mul(mul(f, square(f)), 0.044715)), GELU_TANH_SCALE);
    return mul(mul(f, 0.5), add(tanh(inner), 1));
  });
}

/** 1 / (1 + exp(-x)), float32; exact 0 and 1 only at the far ends, never NaN for large |x|. */
export function sigmoid(x: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => unaryFloat('Sigmoid', 'sigmoid', x));
}

/** Hyperbolic tangent, float32. */
export function tanh(x: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => unaryFloat('Tanh', 'tanh', x));
}

/** log(1 + exp(x)), float32, computed stably for large |x|. */
export function softplus(x: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => unaryFloat('Softplus', 'softplus', x));
}

/** x / (1 + |x|), float32. */
export function softsign(x: Tensor | TensorLike): Tensor {
  return ENGINE.tidy(() => unaryFloat('Softsign', 'softsign', x));
}
