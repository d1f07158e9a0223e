import { argError, checkInteger, checkName, checkNonNegative, checkOptions, checkPositive, checkUnit } from '../validate.js';
import { Schedule } from './schedule.js';

/** Options of CosineDecay. */
export interface CosineDecayArgs {
  initialLearningRate: number;
  /** Steps of the cosine decay (after the warmup). */
  decaySteps: number;
  /** Final learning rate as a fraction of the decay's starting rate, in [0, 1]. Default 0. */
  alpha?: number;
  /** Rate reached at the end of a linear warmup from `initialLearningRate`; null for no warmup. */
  warmupTarget?: number | null;
  /** Steps of the linear warmup (needs `warmupTarget`). Default 0. */
  warmupSteps?: number;
  name?: string;
}

/**
 * Keras's CosineDecay: an optional linear warmup from `initialLearningRate` to `warmupTarget` over
 * `warmupSteps`, then `from · ((1 - alpha) · ½(1 + cos(π · s / decaySteps)) + alpha)` with s capped
 * at `decaySteps`, where `from` is the warmup target (or the initial rate without warmup).
 */
export class CosineDecay extends Schedule {
  static override readonly className: string = 'CosineDecay';
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly alpha: number;
  readonly warmupTarget: number | null;
  readonly warmupSteps: number;
  readonly name: string;

  constructor(args: CosineDecayArgs) {
    super();
    const o = 'CosineDecay';
    const a = checkOptions(o, args ?? null, ['initialLearningRate', 'decaySteps', 'alpha', 'warmupTarget', 'warmupSteps', 'name']);
    this.initialLearningRate = checkNonNegative(o, 'initialLearningRate', a.initialLearningRate);
    this.decaySteps = checkPositive(o, 'decaySteps', a.decaySteps);
    this.alpha = checkUnit(o, 'alpha', a.alpha ?? 0, true);
    this.warmupTarget = a.warmupTarget === undefined || a.warmupTarget === null ? null : checkNonNegative(o, 'warmupTarget', a.warmupTarget);
    this.warmupSteps = checkInteger(o, 'warmupSteps', a.warmupSteps ?? 0, 0);
    // Keras ignores warmupSteps without a target; a warmup to nowhere is almost surely a mistake.
    if (this.warmupTarget === null && this.warmupSteps > 0) {
      throw argError(o, 'warmupTarget', `a finite number >= 0 when warmupSteps > 0 (warmupSteps=${this.warmupSteps})`, a.warmupTarget ?? null);
    }
    this.name = checkName(o, a.name ?? 'CosineDecay');
  }

  protected valueAt(step: number): number {
    if (this.warmupTarget === null) return this.decay(Math.min(step, this.decaySteps), this.initialLearningRate);
    const s = Math.min(step, this.decaySteps + this.warmupSteps);
    if (s < this.warmupSteps) {
      return (this.warmupTarget - this.initialLearningRate) * (s / this.warmupSteps) + this.initialLearningRate;
    }
    return this.decay(s - this.warmupSteps, this.warmupTarget);
  }

  private decay(step: number, from: number): number {
    const cosine = 0.5 * (1 + Math.cos((Math.PI * step) / this.decaySteps));
    return from * ((1 - this.alpha) * cosine + this.alpha);
  }

  getConfig(): Record<string, unknown> {
    const { initialLearningRate, decaySteps, alpha, warmupTarget, warmupSteps, name } = this;
    return { initialLearningRate, decaySteps, alpha, name, warmupTarget, warmupSteps };
  }
}
