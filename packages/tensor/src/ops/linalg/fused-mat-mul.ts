import { ENGINE } from '../../engine/engine.js';
import type { FusedActivation } from '../../kernel-names.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { broadcastShapes, shapesEqual } from '../../util/shape.js';
import { convertToTensor } from '../convert.js';
import { add } from '../elementwise/arithmetic.js';
import { applyActivation, fusedActivation } from '../elementwise/fused-activation.js';
import { readOptions } from '../elementwise/options.js';
import { reshape } from '../shape/reshape.js';
import { matMulOperands, type MatMulOptions } from './mat-mul.js';

export interface FusedMatMulOptions extends MatMulOptions {
  /** Added to the product: a tensor that broadcasts to the result's shape, usually [n] (one per column). */
  bias?: Tensor | TensorLike | null;
  /** Applied last: 'linear' (default), 'relu', 'relu6', 'sigmoid' or 'tanh'. */
  activation?: FusedActivation;
}

/**
 * activation(matMul(a, b) + bias), as Dense computes it. Backends with a `FusedMatMul` kernel do it in
 * one pass over the result (bias [n] only); elsewhere it is matMul, add and the activation, which give
 * the same values.
 */
export function fusedMatMul(a: Tensor | TensorLike, b: Tensor | TensorLike, options: FusedMatMulOptions = {}): Tensor {
  return ENGINE.tidy(() => {
    const op = 'fusedMatMul';
    const { transposeA, transposeB, bias, activation: act } = readOptions(op, options, ['transposeA', 'transposeB', 'bias', 'activation']);
    const activation = fusedActivation(op, act);
    const operands = matMulOperands(op, a, b, { transposeA, transposeB });
    const { a3, b3, outShape } = operands;
    const attrs = { transposeA: operands.transposeA, transposeB: operands.transposeB };
    const biasT = bias == null ? null : convertToTensor(bias, 'bias', op, 'float32');
    if (biasT && !shapesEqual(broadcastShapes(op, biasT.shape, outShape), outShape)) {
      throw argumentError(op, 'bias', `a tensor that broadcasts to the result's shape [${outShape}]`, biasT);
    }
    const n = outShape[outShape.length - 1];
    if (ENGINE.hasKernel('FusedMatMul') && (biasT === null || (biasT.rank === 1 && biasT.shape[0] === n))) {
      return reshape(ENGINE.runKernel('FusedMatMul', biasT ? [a3, b3, biasT] : [a3, b3], { ...attrs, activation }), outShape);
    }
    let y = reshape(ENGINE.runKernel('BatchMatMul', [a3, b3], attrs), outShape);
    if (biasT) y = add(y, biasT);
    return applyActivation(y, activation);
  });
}
