import { checkBoolean, checkName, checkNonNegative, checkOptions, checkPositive } from '../validate.js';
import { Schedule } from './schedule.js';

/** Options of ExponentialDecay. */
export interface ExponentialDecayArgs {
  initialLearningRate: number;
  decaySteps: number;
  decayRate: number;
  /** Decay in whole intervals of `decaySteps` (floor the exponent). Default false. */
  staircase?: boolean;
  name?: string;
}

/** `initialLearningRate · decayRate^(step / decaySteps)`, the exponent floored when `staircase`. */
export class ExponentialDecay extends Schedule {
  static override readonly className: string = 'ExponentialDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;
  readonly name: string;

  constructor(args: ExponentialDecayArgs) {
    super();
    const o = 'ExponentialDecay';
    const a = checkOptions(o, args ?? null, ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase', 'name']);
    this.initialLearningRate = checkNonNegative(o, 'initialLearningRate', a.initialLearningRate);
    this.decaySteps = checkPositive(o, 'decaySteps', a.decaySteps);
    this.decayRate = checkPositive(o, 'decayRate', a.decayRate);
    this.staircase = checkBoolean(o, 'staircase', a.staircase ?? false);
    this.name = checkName(o, a.name ?? 'ExponentialDecay');
  }

  protected valueAt(step: number): number {
    const p = step / this.decaySteps;
    return this.initialLearningRate * this.decayRate ** (this.staircase ? Math.floor(p) : p);
  }

  getConfig(): Record<string, unknown> {
    const { initialLearningRate, decaySteps, decayRate, staircase, name } = this;
    return { initialLearningRate, decaySteps, decayRate, staircase, name };
  }
}
