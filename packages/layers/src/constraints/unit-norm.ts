import { add, div, type Tensor } from '@neurite/tensor';
import { Constraint, registerConstraint, type ConstraintConfig } from './constraint.js';
import { checkConfig } from '../initializers/argument-checks.js';
import { EPSILON, checkAxis, normsAlong } from './norm-axis.js';

export interface UnitNormConfig {
  /** The axis (or axes) the norm is taken along (default 0). */
  axis?: number | number[];
}

/** Keras's `UnitNorm`: divides each slice along `axis` by its L2 norm (plus 1e-7). */
export class UnitNorm extends Constraint {
  static override className = 'UnitNorm';
  readonly axis: number | number[];

  constructor(config?: UnitNormConfig) {
    super();
    const c = checkConfig('UnitNorm', config, ['axis']);
    this.axis = checkAxis('UnitNorm', c.axis ?? 0);
  }

  apply(w: Tensor): Tensor {
    return div(w, add(normsAlong('UnitNorm', w, this.axis), EPSILON));
  }

  override getConfig(): ConstraintConfig {
    return { axis: this.axis };
  }
}

registerConstraint(UnitNorm, 'unit_norm', 'unitNorm');
