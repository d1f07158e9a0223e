import { add, div, mul, sqrt, square, sub, type Tensor, type Variable } from '@neurite/tensor';
import { Optimizer, type BaseOptimizerArgs } from './base-optimizer.js';
import type { SlotLayout } from './state.js';
import { checkNonNegative } from './validate.js';

/** Options of Adagrad. */
export interface AdagradArgs extends BaseOptimizerArgs {
  /** Starting value of every accumulator, >= 0. Default 0.1. */
  initialAccumulatorValue?: number;
  /** Added to the accumulator inside the square root, >= 0. Default 1e-7. */
  epsilon?: number;
}

/** Adagrad as Keras 3: `acc += g²`, then `w -= lr·g / sqrt(acc + epsilon)`. */
export class Adagrad extends Optimizer {
  static override readonly className: string = 'Adagrad';
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;

  constructor(args?: AdagradArgs) {
    super(args, { learningRate: 0.001, name: 'adagrad' }, ['initialAccumulatorValue', 'epsilon']);
    this.initialAccumulatorValue = checkNonNegative('Adagrad', 'initialAccumulatorValue', args?.initialAccumulatorValue ?? 0.1);
    this.epsilon = checkNonNegative('Adagrad', 'epsilon', args?.epsilon ?? 1e-7);
  }

  /** Keras: every variable's accumulator, starting at initialAccumulatorValue. */
  protected slotLayout(): SlotLayout {
    return [[{ name: 'accumulator', initialValue: this.initialAccumulatorValue }]];
  }

  protected updateStep(gradient: Tensor, variable: Variable, lr: number): void {
    const acc = this.slot(variable, 'accumulator');
    acc.assign(add(acc, square(gradient)));
    variable.assign(sub(variable, div(mul(gradient, lr), sqrt(add(acc, this.epsilon)))));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), initialAccumulatorValue: this.initialAccumulatorValue, epsilon: this.epsilon };
  }
}
