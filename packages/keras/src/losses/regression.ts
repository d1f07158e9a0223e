import { abs, lessEqual, mean, mul, square, sub, where, type Tensor, type TensorLike } from '@neurite/tensor';
import { checkConfig, checkPositive } from './argument-checks.js';
import { Loss, type LossArgs, type PerSampleLosses } from './loss-base.js';
import { matchedPair } from './shapes.js';

const BASE_KEYS = ['name', 'reduction'] as const;

/** mean((yPred - yTrue)²) over the last axis, averaged over the batch. */
export class MeanSquaredError extends Loss {
  constructor(args?: LossArgs) {
    super('MeanSquaredError', 'mean_squared_error', checkConfig('MeanSquaredError', args, BASE_KEYS));
  }

  protected computePerSample(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike): PerSampleLosses {
    const [t, p] = matchedPair(this.className, yTrue, yPred);
    return { losses: mean(square(sub(p, t)), { axis: -1 }) };
  }
}

/** mean(|yPred - yTrue|) over the last axis, averaged over the batch. */
export class MeanAbsoluteError extends Loss {
  constructor(args?: LossArgs) {
    super('MeanAbsoluteError', 'mean_absolute_error', checkConfig('MeanAbsoluteError', args, BASE_KEYS));
  }

  protected computePerSample(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike): PerSampleLosses {
    const [t, p] = matchedPair(this.className, yTrue, yPred);
    return { losses: mean(abs(sub(p, t)), { axis: -1 }) };
  }
}

export interface HuberArgs extends LossArgs {
  /** Where the loss turns from quadratic to linear; 1 by default. */
  delta?: number;
}

/** Quadratic (½e²) for |e| <= delta, linear (delta·|e| - ½delta²) beyond; mean over the last axis. */
export class Huber extends Loss {
  readonly delta: number;

  constructor(args?: HuberArgs) {
    const config = checkConfig('Huber', args, [...BASE_KEYS, 'delta']);
    super('Huber', 'huber_loss', config);
    this.delta = config.delta === undefined ? 1 : checkPositive('Huber', 'delta', config.delta);
  }

  protected computePerSample(yTrue: Tensor | TensorLike, yPred: Tensor | TensorLike): PerSampleLosses {
    const [t, p] = matchedPair(this.className, yTrue, yPred);
    const error = sub(p, t);
    const absError = abs(error);
    const quadratic = mul(square(error), 0.5);
    const linear = sub(mul(absError, this.delta), 0.5 * this.delta * this.delta);
    return { losses: mean(where(lessEqual(absError, this.delta), quadratic, linear), { axis: -1 }) };
  }

  protected override ownConfig(): Record<string, unknown> {
    return { delta: this.delta };
  }
}
