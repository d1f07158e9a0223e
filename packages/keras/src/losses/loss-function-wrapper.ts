import { NeuriteError, Tensor, type TensorLike } from '@neurite/tensor';
import { checkConfig, describeValue } from './argument-checks.js';
import { Loss, type LossArgs, type PerSampleLosses } from './loss-base.js';
import { toTensor } from './shapes.js';

/** A user loss function: per-sample losses (or a scalar) from yTrue and yPred, written with differentiable ops. */
export type LossFunction = (yTrue: Tensor, yPred: Tensor) => Tensor;

/** Turns a loss function into a loss with Keras's sample weighting and reduction (Keras's LossFunctionWrapper). */
export class LossFunctionWrapper extends Loss {
  constructor(readonly fn: LossFunction, args?: LossArgs) {
    if (typeof fn !== 'function') {
      throw new NeuriteError(`LossFunctionWrapper: fn must be a function (yTrue, yPred) => Tensor. Received: fn=${describeValue(fn)}`);
    }
    super('LossFunctionWrapper', fn.name || 'loss', checkConfig('LossFunctionWrapper', args, ['name', 'reduction']));
  }

  protected computePerSample(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike): PerSampleLosses {
    const losses = this.fn(toTensor(this.name, 'yTrue', yTrue), toTensor(this.name, 'yPred', yPred));
    if (!(losses instanceof Tensor)) {
      throw new NeuriteError(`${this.name}: the loss function must return a Tensor. Received: ${describeValue(losses)}`);
    }
    return { losses };
  }
}
