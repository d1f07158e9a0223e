import { add, div, mul, sqrt, square, sub, type Tensor, type Variable } from '@neurite/tensor';
import { Optimizer, type BaseOptimizerArgs } from './base-optimizer.js';
import type { SlotLayout } from './state.js';
import { checkBoolean, checkNonNegative, checkUnit } from './validate.js';

/** Options of RMSprop. */
export interface RMSpropArgs extends BaseOptimizerArgs {
  /** Decay of the squared-gradient average, in [0, 1). Default 0.9. */
  rho?: number;
  /** Momentum in [0, 1]; 0 disables it. Default 0. */
  momentum?: number;
  /** Added to the average inside the square root, >= 0. Default 1e-7. */
  epsilon?: number;
  /** Normalise by the variance (subtract the squared mean gradient). Default false. */
  centered?: boolean;
}

/**
 * RMSprop as Keras 3: `v = rho·v + (1 - rho)·g²`, increment `lr·g / sqrt(v + epsilon)` (with
 * `v - ḡ²` when centered), applied directly or through a momentum accumulator.
 */
export class RMSprop extends Optimizer {
  static override readonly className: string = 'RMSprop';
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;

  constructor(args?: RMSpropArgs) {
    super(args, { learningRate: 0.001, name: 'rmsprop' }, ['rho', 'momentum', 'epsilon', 'centered']);
    this.rho = checkUnit('RMSprop', 'rho', args?.rho ?? 0.9, false);
    this.momentum = checkUnit('RMSprop', 'momentum', args?.momentum ?? 0, true);
    this.epsilon = checkNonNegative('RMSprop', 'epsilon', args?.epsilon ?? 1e-7);
    this.centered = checkBoolean('RMSprop', 'centered', args?.centered ?? false);
  }

  /** Keras: every variable's velocity; then every momentum (momentum > 0); then every average_gradient (centered). */
  protected slotLayout(): SlotLayout {
    return [
      [{ name: 'velocity' }],
      ...(this.momentum > 0 ? [[{ name: 'momentum' }]] : []),
      ...(this.centered ? [[{ name: 'average_gradient' }]] : []),
    ];
  }

  protected updateStep(gradient: Tensor, variable: Variable, lr: number): void {
    const velocity = this.slot(variable, 'velocity');
    velocity.assign(add(mul(velocity, this.rho), mul(square(gradient), 1 - this.rho)));
    let denominator: Tensor;
    if (this.centered) {
      const avg = this.slot(variable, 'average_gradient');
      avg.assign(add(mul(avg, this.rho), mul(gradient, 1 - this.rho)));
      denominator = add(sub(velocity, square(avg)), this.epsilon);
    } else {
      denominator = add(velocity, this.epsilon);
    }
    const increment = div(mul(gradient, lr), sqrt(denominator));
    if (this.momentum > 0) {
      const mom = this.slot(variable, 'momentum');
      mom.assign(add(mul(mom, this.momentum), increment));
      variable.assign(sub(variable, mom));
    } else {
      variable.assign(sub(variable, increment));
    }
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), rho: this.rho, momentum: this.momentum, epsilon: this.epsilon, centered: this.centered };
  }
}
