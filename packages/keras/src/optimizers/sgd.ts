import { add, mul, type Tensor, type Variable } from '@neurite/tensor';
import { Optimizer, type BaseOptimizerArgs } from './base-optimizer.js';
import type { SlotLayout } from './state.js';
import { checkBoolean, checkUnit } from './validate.js';

/** Options of SGD. */
export interface SGDArgs extends BaseOptimizerArgs {
  /** Velocity decay in [0, 1]; 0 is plain gradient descent. Default 0. */
  momentum?: number;
  /** Nesterov momentum. Default false. */
  nesterov?: boolean;
}

/**
 * Stochastic gradient descent, with optional (Nesterov) momentum, as Keras 3:
 * `m = momentum * m - lr * g`, then `w += m` (or `w += momentum * m - lr * g` with Nesterov).
 */
export class SGD extends Optimizer {
  static override readonly className: string = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(args?: SGDArgs) {
    super(args, { learningRate: 0.01, name: 'SGD' }, ['momentum', 'nesterov']);
    this.momentum = checkUnit('SGD', 'momentum', args?.momentum ?? 0, true);
    this.nesterov = checkBoolean('SGD', 'nesterov', args?.nesterov ?? false);
  }

  /** Keras: each variable's momentum, only when momentum != 0. */
  protected slotLayout(): SlotLayout {
    return this.momentum === 0 ? [] : [[{ name: 'momentum' }]];
  }

  protected updateStep(gradient: Tensor, variable: Variable, lr: number): void {
    const step = mul(gradient, -lr);
    if (this.momentum === 0) {
      variable.assign(add(variable, step));
      return;
    }
    const m = this.slot(variable, 'momentum');
    m.assign(add(mul(m, this.momentum), step));
    variable.assign(add(variable, this.nesterov ? add(mul(m, this.momentum), step) : m));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), momentum: this.momentum, nesterov: this.nesterov };
  }
}

