import { cast, greaterEqual, mul, type Tensor } from '@neurite/tensor';
import { Constraint, registerConstraint } from './constraint.js';
import { checkConfig } from '../initializers/argument-checks.js';

/** Keras's `NonNeg`: sets negative values to 0. */
export class NonNeg extends Constraint {
  static override className = 'NonNeg';

  constructor(config?: Record<string, never>) {
    super();
    checkConfig('NonNeg', config, []);
  }

  apply(w: Tensor): Tensor {
    return mul(w, cast(greaterEqual(w, 0), w.dtype));
  }
}

registerConstraint(NonNeg, 'non_neg', 'nonNeg');
