import { abs, cast, mul, sum, type Tensor } from '@neurite/tensor';
import { Regularizer, checkFactor, type RegularizerConfig } from './regularizer.js';
import { registerRegularizer } from './serialization.js';
import { checkConfig } from './config-checks.js';

export interface L1Config {
  /** The L1 factor (default 0.01, as Keras). */
  l1?: number;
}

/** Keras's `L1`: `l1 * sum(|x|)`. */
export class L1 extends Regularizer {
  static override className = 'L1';
  readonly l1: number;

  constructor(config?: L1Config) {
    super();
    const { l1 = 0.01 } = checkConfig('L1', config, ['l1']);
    this.l1 = checkFactor('L1', 'l1', l1);
  }

  apply(x: Tensor): Tensor {
    return mul(sum(abs(cast(x, 'float32'))), this.l1);
  }

  getConfig(): RegularizerConfig {
    return { l1: this.l1 };
  }
}

registerRegularizer(L1, 'l1');
