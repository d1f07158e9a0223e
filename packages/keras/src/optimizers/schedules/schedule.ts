import type { LearningRateSchedule } from '../optimizer.js';
import { argError } from '../validate.js';

/** Base of the built-in schedules: a static Keras class name and a checked step. */
export abstract class Schedule implements LearningRateSchedule {
  /** The Keras class name (used by `getConfig`/deserialization). */
  static readonly className: string = 'LearningRateSchedule';

  /** The Keras class name of this schedule. */
  get className(): string {
    return (this.constructor as typeof Schedule).className;
  }

  /** The learning rate at step `step` (a finite number >= 0, normally the optimizer's `iterations`). */
  at(step: number): number {
    if (typeof step !== 'number' || !Number.isFinite(step) || step < 0) throw argError(`${this.className}.at`, 'step', 'a finite number >= 0', step);
    return this.valueAt(step);
  }

  /** Keras's config keys in camelCase. */
  abstract getConfig(): Record<string, unknown>;

  protected abstract valueAt(step: number): number;
}
