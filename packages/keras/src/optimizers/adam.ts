import { add, div, maximum, mul, sqrt, square, sub, type Tensor, type Variable } from '@neurite/tensor';
import { Optimizer, type BaseOptimizerArgs } from './base-optimizer.js';
import type { SlotLayout } from './state.js';
import { checkBoolean, checkNonNegative, checkUnit } from './validate.js';

/** Options of Adam (and AdamW). */
export interface AdamArgs extends BaseOptimizerArgs {
  /** Decay of the first moment, in [0, 1). Default 0.9. */
  beta1?: number;
  /** Decay of the second moment, in [0, 1). Default 0.999. */
  beta2?: number;
  /** Added to sqrt(v) for stability, >= 0. Default 1e-7. */
  epsilon?: number;
  /** Use the running maximum of v (AMSGrad). Default false. */
  amsgrad?: boolean;
}

const ADAM_KEYS = ['beta1', 'beta2', 'epsilon', 'amsgrad'] as const;

/**
 * Adam as Keras 3: `m += (g - m)(1 - beta1)`, `v += (g² - v)(1 - beta2)`, and
 * `w -= lr·sqrt(1 - beta2^t)/(1 - beta1^t) · m / (sqrt(v) + epsilon)` with `t = iterations + 1`.
 */
export class Adam extends Optimizer {
  static override readonly className: string = 'Adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;

  /** `defaults` lets subclasses (AdamW) change the default learning rate and name. */
  constructor(args?: AdamArgs, defaults: { learningRate: number; name: string } = { learningRate: 0.001, name: 'adam' }) {
    super(args, defaults, ADAM_KEYS);
    const owner = this.className;
    this.beta1 = checkUnit(owner, 'beta1', args?.beta1 ?? 0.9, false);
    this.beta2 = checkUnit(owner, 'beta2', args?.beta2 ?? 0.999, false);
    this.epsilon = checkNonNegative(owner, 'epsilon', args?.epsilon ?? 1e-7);
    this.amsgrad = checkBoolean(owner, 'amsgrad', args?.amsgrad ?? false);
  }

  /** Keras: each variable's momentum and velocity, interleaved; then, with amsgrad, each velocity_hat. */
  protected slotLayout(): SlotLayout {
    const pairs = [{ name: 'momentum' }, { name: 'velocity' }];
    return this.amsgrad ? [pairs, [{ name: 'velocity_hat' }]] : [pairs];
  }

  protected updateStep(gradient: Tensor, variable: Variable, lr: number): void {
    const t = this.iterations + 1;
    const alpha = (lr * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t);
    const m = this.slot(variable, 'momentum');
    const v = this.slot(variable, 'velocity');
    m.assign(add(m, mul(sub(gradient, m), 1 - this.beta1)));
    v.assign(add(v, mul(sub(square(gradient), v), 1 - this.beta2)));
    let vUsed: Tensor = v;
    if (this.amsgrad) {
      const vHat = this.slot(variable, 'velocity_hat');
      vHat.assign(maximum(vHat, v));
      vUsed = vHat;
    }
    variable.assign(sub(variable, div(mul(m, alpha), add(sqrt(vUsed), this.epsilon))));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon, amsgrad: this.amsgrad };
  }
}
