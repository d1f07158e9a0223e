import type { Tensor, Variable } from '@neurite/tensor';

/** A learning rate that changes with the step count (`iterations`, starting at 0). */
export interface LearningRateSchedule {
  /** The learning rate for step `step`. */
  at(step: number): number;
  getConfig(): Record<string, unknown>;
  readonly className: string;
}

export interface OptimizerArgs {
  learningRate?: number | LearningRateSchedule;
  /** Clip each gradient to this L2 norm. */
  clipnorm?: number | null;
  /** Clip each gradient elementwise to [-clipvalue, clipvalue]. */
  clipvalue?: number | null;
  /** Clip all gradients together to this global L2 norm. */
  globalClipnorm?: number | null;
  name?: string;
}

/**
 * Contract every optimizer implements (the optimizers module fills it in). `applyGradients` clips the
 * gradients as configured, computes this step's learning rate, updates each variable in place with
 * `assign`, and then increments `iterations`. Slot variables (moments) are created lazily per variable.
 */
export interface OptimizerLike {
  readonly className: string;
  /** Steps taken so far. */
  readonly iterations: number;
  /** The learning rate used at the current step. */
  currentLearningRate(): number;
  applyGradients(gradsAndVars: readonly (readonly [Tensor, Variable])[]): void;
  getConfig(): Record<string, unknown>;
  dispose(): void;
}
