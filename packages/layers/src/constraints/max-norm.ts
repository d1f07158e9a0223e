import { add, div, minimum, mul, type Tensor } from '@neurite/tensor';
import { Constraint, registerConstraint, type ConstraintConfig } from './constraint.js';
import { checkConfig, checkNonNegative } from '../initializers/argument-checks.js';
import { EPSILON, checkAxis, normsAlong } from './norm-axis.js';

export interface MaxNormConfig {
  /** The largest norm allowed (default 2). */
  maxValue?: number;
  /** The axis (or axes) the norm is taken along (default 0: each column of a Dense kernel). */
  axis?: number | number[];
}

/**
 * Keras's `MaxNorm`: rescales each slice whose L2 norm along `axis` exceeds `maxValue` down to it:
 * `w * min(norm, maxValue) / (1e-7 + norm)` (slices inside shrink only by the epsilon).
 */
export class MaxNorm extends Constraint {
  static override className = 'MaxNorm';
  readonly maxValue: number;
  readonly axis: number | number[];

  constructor(config?: MaxNormConfig) {
    super();
    const c = checkConfig('MaxNorm', config, ['maxValue', 'axis']);
    this.maxValue = checkNonNegative('MaxNorm', 'maxValue', c.maxValue ?? 2);
    this.axis = checkAxis('MaxNorm', c.axis ?? 0);
  }

  apply(w: Tensor): Tensor {
    const norms = normsAlong('MaxNorm', w, this.axis);
    return mul(w, div(minimum(norms, this.maxValue), add(norms, EPSILON)));
  }

  override getConfig(): ConstraintConfig {
    return { maxValue: this.maxValue, axis: this.axis };
  }
}

registerConstraint(MaxNorm, 'max_norm', 'maxNorm');
