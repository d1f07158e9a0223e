import { ENGINE } from '../../engine/engine.js';
import type { Conv2DInfo, FusedActivation } from '../../kernel-names.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { convertToTensor } from '../convert.js';
import { add } from '../elementwise/arithmetic.js';
import { applyActivation, fusedActivation } from '../elementwise/fused-activation.js';
import { windowedConv2d, type Conv2DOptions } from './conv2d.js';
import { conv2dKernel } from './conv-kernels.js';
import { readOptions } from '../elementwise/options.js';

export interface FusedConv2DOptions extends Conv2DOptions {
  /** One value per output channel, added to every position: shape [outChannels]. */
  bias?: Tensor | TensorLike | null;
  /** Applied last: 'linear' (default), 'relu', 'relu6', 'sigmoid' or 'tanh'. */
  activation?: FusedActivation;
}

/**
 * activation(conv2d(x, filter) + bias), as the Conv2D layer computes it. Backends with a `FusedConv2D`
 * kernel add the bias and apply the activation as they write the result; elsewhere it is conv2d, add
 * and the activation, with the same values.
 */
export function fusedConv2d(x: Tensor | TensorLike, filter: Tensor | TensorLike, options?: FusedConv2DOptions): Tensor {
  return ENGINE.tidy(() => {
    const op = 'fusedConv2d';
    const { bias, activation: act, ...convOptions } = readOptions(op, options, ['bias', 'activation', 'strides', 'padding', 'dataFormat', 'dilations']);
    const activation = fusedActivation(op, act);
    const biasT = bias == null ? null : convertToTensor(bias, 'bias', op, 'float32');
    const kernel = (input: Tensor, f: Tensor, info: Conv2DInfo): Tensor => {
      if (biasT && (biasT.rank !== 1 || biasT.shape[0] !== info.outChannels)) {
        throw argumentError(op, 'bias', `of shape [${info.outChannels}] (one value per output channel)`, biasT);
      }
      if (ENGINE.hasKernel('FusedConv2D')) {
        return ENGINE.runKernel('FusedConv2D', biasT ? [input, f, biasT] : [input, f], { info, activation });
      }
      const y = conv2dKernel(input, f, info);
      return applyActivation(biasT ? add(y, biasT) : y, activation);
    };
    return windowedConv2d(op, kernel, '[filterHeight, filterWidth, inChannels, outChannels]', false, x, filter, convOptions);
  });
}
