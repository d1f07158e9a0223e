import { abs, add, cast, mul, scalar, square, sum, type Tensor } from '@neurite/tensor';
import { Regularizer, checkFactor, type RegularizerConfig } from './regularizer.js';
import { registerRegularizer } from './serialization.js';
import { checkConfig } from './config-checks.js';

export interface L1L2Config {
  /** The L1 factor (default 0, as Keras's class). */
  l1?: number;
  /** The L2 factor (default 0, as Keras's class). */
  l2?: number;
}

/** Keras's `L1L2`: `l1 * sum(|x|) + l2 * sum(x²)`; a zero factor's term is left out. */
export class L1L2 extends Regularizer {
  static override className = 'L1L2';
  readonly l1: number;
  readonly l2: number;

  constructor(config?: L1L2Config) {
    super();
    const { l1 = 0, l2 = 0 } = checkConfig('L1L2', config, ['l1', 'l2']);
    this.l1 = checkFactor('L1L2', 'l1', l1);
    this.l2 = checkFactor('L1L2', 'l2', l2);
  }

  apply(x: Tensor): Tensor {
    const w = cast(x, 'float32');
    // A zero factor's term is skipped (as Keras does), so infinite weights give no 0 * Infinity = NaN.
    let penalty: Tensor = scalar(0);
    if (this.l1 !== 0) penalty = add(penalty, mul(sum(abs(w)), this.l1));
    if (this.l2 !== 0) penalty = add(penalty, mul(sum(square(w)), this.l2));
    return penalty;
  }

  getConfig(): RegularizerConfig {
    return { l1: this.l1, l2: this.l2 };
  }
}

registerRegularizer(L1L2, 'l1l2', 'l1_l2');
