import { Callback, type Logs } from './callback.js';
import { isSchedule, learningRateHolder } from './learning-rate-access.js';
import { checkMode, readMonitored, resolveMode, type MonitorMode } from './monitor.js';
import { argError, checkName, checkNonNegative, checkNonNegativeInt, checkOptions, checkVerbose } from './validate.js';

/** Options of ReduceLROnPlateau (Keras 3's arguments in camelCase). */
export interface ReduceLROnPlateauArgs {
  /** The log key to watch. Default 'val_loss'. */
  monitor?: string;
  /** The learning rate is multiplied by this, in (0, 1). Default 0.1. */
  factor?: number;
  /** Epochs without improvement before reducing. Default 10. */
  patience?: number;
  /** 'min', 'max', or 'auto' ('max' when the name contains 'acc' or 'auc'). Default 'auto'. */
  mode?: MonitorMode;
  /** The smallest change that counts as an improvement (>= 0). Default 1e-4. */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again. Default 0. */
  cooldown?: number;
  /** The learning rate is never reduced below this. Default 0. */
  minLr?: number;
  /** 1 prints a line at each reduction. Default 0. */
  verbose?: 0 | 1;
}

const OWNER = 'ReduceLROnPlateau';
const KEYS = ['monitor', 'factor', 'patience', 'mode', 'minDelta', 'cooldown', 'minLr', 'verbose'];

/**
 * Multiplies the optimizer's learning rate by `factor` when the monitored quantity has not improved for
 * `patience` epochs; also adds the current rate to the epoch logs as `learning_rate`, as Keras does.
 */
export class ReduceLROnPlateau extends Callback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly mode: MonitorMode;
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;
  readonly verbose: 0 | 1;

  /** Epochs since the last improvement (outside cooldown). */
  wait = 0;
  /** Epochs of cooldown left. */
  cooldownCounter = 0;
  /** The best monitored value so far. */
  best = Infinity;

  private readonly warned = { value: false };
  private warnedSchedule = false;

  constructor(args: ReduceLROnPlateauArgs = {}) {
    super();
    const a = checkOptions(OWNER, args, KEYS);
    this.monitor = checkName(OWNER, 'monitor', a.monitor ?? 'val_loss');
    const factor = a.factor ?? 0.1;
    // Keras rejects factor >= 1 (it would never reduce); 0 would zero the rate.
    if (typeof factor !== 'number' || !(factor > 0 && factor < 1)) throw argError(OWNER, 'factor', 'a number in (0, 1)', factor);
    this.factor = factor;
    this.patience = checkNonNegativeInt(OWNER, 'patience', a.patience ?? 10);
    this.mode = checkMode(OWNER, a.mode ?? 'auto');
    this.minDelta = checkNonNegative(OWNER, 'minDelta', a.minDelta ?? 1e-4);
    this.cooldown = checkNonNegativeInt(OWNER, 'cooldown', a.cooldown ?? 0);
    this.minLr = checkNonNegative(OWNER, 'minLr', a.minLr ?? 0);
    this.verbose = checkVerbose(OWNER, a.verbose ?? 0);
    this.reset();
  }

  /** The direction 'auto' resolved to for this monitor. */
  get direction(): 'min' | 'max' {
    return resolveMode(this.mode, this.monitor);
  }

  /** True while the callback waits out its cooldown after a reduction. */
  inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  override onTrainBegin(): void {
    this.reset();
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    const opt = learningRateHolder(OWNER, this.model);
    if (isSchedule(opt.learningRate)) {
      if (!this.warnedSchedule) {
        this.warnedSchedule = true;
        console.warn(`${OWNER}: the optimizer's learning rate is a schedule, so it cannot be reduced; this callback does nothing.`);
      }
      return;
    }
    const lr = readLearningRate(opt.learningRate);
    if (logs) logs.learning_rate = lr;
    const current = readMonitored(OWNER, 'Learning rate reduction', this.monitor, logs, this.warned);
    if (current === undefined) return;
    if (this.inCooldown()) {
      this.cooldownCounter -= 1;
      this.wait = 0;
    }
    if (this.isImprovement(current)) {
      this.best = current;
      this.wait = 0;
    } else if (!this.inCooldown()) {
      this.wait += 1;
      // Compare in float32, where optimizers usually keep the rate, so a rate already at minLr stays put.
      if (this.wait >= this.patience && Math.fround(lr) > Math.fround(this.minLr)) {
        const newLr = Math.max(lr * this.factor, this.minLr);
        opt.learningRate = newLr;
        if (this.verbose > 0) console.log(`\nEpoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${newLr}.`);
        this.cooldownCounter = this.cooldown;
        this.wait = 0;
      }
    }
  }

  private isImprovement(current: number): boolean {
    return this.direction === 'min' ? current < this.best - this.minDelta : current > this.best + this.minDelta;
  }

  private reset(): void {
    this.best = this.direction === 'min' ? Infinity : -Infinity;
    this.cooldownCounter = 0;
    this.wait = 0;
    this.warned.value = false;
  }
}

function readLearningRate(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw argError(OWNER, "the optimizer's learningRate", 'a finite number', value);
  return value;
}
