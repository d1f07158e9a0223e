import { cast, mul, square, sum, type Tensor } from '@neurite/tensor';
import { Regularizer, checkFactor, type RegularizerConfig } from './regularizer.js';
import { registerRegularizer } from './serialization.js';
import { checkConfig } from './config-checks.js';

export interface L2Config {
  /** The L2 factor (default 0.01, as Keras). */
  l2?: number;
}

/** Keras's `L2`: `l2 * sum(x²)` (no 1/2 factor, as in Keras). */
export class L2 extends Regularizer {
  static override className = 'L2';
  readonly l2: number;

  constructor(config?: L2Config) {
    super();
    const { l2 = 0.01 } = checkConfig('L2', config, ['l2']);
    this.l2 = checkFactor('L2', 'l2', l2);
  }

  apply(x: Tensor): Tensor {
    return mul(sum(square(cast(x, 'float32'))), this.l2);
  }

  getConfig(): RegularizerConfig {
    return { l2: this.l2 };
  }
}

registerRegularizer(L2, 'l2');
