import { add, div, maximum, minimum, mul, type Tensor } from '@neurite/tensor';
import { Constraint, registerConstraint, type ConstraintConfig } from './constraint.js';
import { argumentError, checkConfig, checkNonNegative } from '../initializers/argument-checks.js';
import { EPSILON, checkAxis, normsAlong } from './norm-axis.js';

export interface MinMaxNormConfig {
  /** The smallest norm allowed (default 0). */
  minValue?: number;
  /** The largest norm allowed (default 1). */
  maxValue?: number;
  /** How far to move towards the allowed range at each step, in [0, 1] (default 1: all the way). */
  rate?: number;
  /** The axis (or axes) the norm is taken along (default 0). */
  axis?: number | number[];
}

/**
 * Keras's `MinMaxNorm`: moves each slice's L2 norm along `axis` towards [minValue, maxValue]:
 * `desired = rate * clip(norm, minValue, maxValue) + (1 - rate) * norm`, then `w * desired / (1e-7 + norm)`.
 */
export class MinMaxNorm extends Constraint {
  static override className = 'MinMaxNorm';
  readonly minValue: number;
  readonly maxValue: number;
  readonly rate: number;
  readonly axis: number | number[];

  constructor(config?: MinMaxNormConfig) {
    super();
    const c = checkConfig('MinMaxNorm', config, ['minValue', 'maxValue', 'rate', 'axis']);
    this.minValue = checkNonNegative('MinMaxNorm', 'minValue', c.minValue ?? 0);
    this.maxValue = checkNonNegative('MinMaxNorm', 'maxValue', c.maxValue ?? 1);
    if (this.maxValue < this.minValue) {
      throw argumentError('MinMaxNorm', 'maxValue', `>= minValue (${this.minValue})`, this.maxValue);
    }
    const rate = c.rate ?? 1;
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
      throw argumentError('MinMaxNorm', 'rate', 'a number in [0, 1]', rate);
    }
    this.rate = rate;
    this.axis = checkAxis('MinMaxNorm', c.axis ?? 0);
  }

  apply(w: Tensor): Tensor {
    const norms = normsAlong('MinMaxNorm', w, this.axis);
    const clipped = minimum(maximum(norms, this.minValue), this.maxValue);
    const desired = add(mul(clipped, this.rate), mul(norms, 1 - this.rate));
    return mul(w, div(desired, add(norms, EPSILON)));
  }

  override getConfig(): ConstraintConfig {
    return { minValue: this.minValue, maxValue: this.maxValue, rate: this.rate, axis: this.axis };
  }
}

registerConstraint(MinMaxNorm, 'min_max_norm', 'minMaxNorm');
