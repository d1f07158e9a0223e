import { dispose, keep, NeuriteError, type Tensor } from '@neurite/tensor';
import { Callback, type Logs } from './callback.js';
import { checkMode, readMonitored, resolveMode, type MonitorMode } from './monitor.js';
import { argError, checkName, checkNonNegative, checkNonNegativeInt, checkOptions, checkVerbose } from './validate.js';

/** Options of EarlyStopping (Keras 3's arguments in camelCase). */
export interface EarlyStoppingArgs {
  /** The log key to watch. Default 'val_loss'. */
  monitor?: string;
  /** The smallest change that counts as an improvement (>= 0). Default 0. */
  minDelta?: number;
  /** Epochs without improvement before stopping. Default 0. */
  patience?: number;
  /** 'min', 'max', or 'auto' ('max' when the name contains 'acc' or 'auc'). Default 'auto'. */
  mode?: MonitorMode;
  /** A value the monitored quantity must beat before the patience counter resets. Default null. */
  baseline?: number | null;
  /** Put back the weights of the best epoch when training stops or ends. Default false. */
  restoreBestWeights?: boolean;
  /** Epochs to ignore before watching starts (a warm-up). Default 0. */
  startFromEpoch?: number;
  /** 1 prints a line when stopping and when restoring weights. Default 0. */
  verbose?: 0 | 1;
}

const OWNER = 'EarlyStopping';
const KEYS = ['monitor', 'minDelta', 'patience', 'mode', 'baseline', 'restoreBestWeights', 'startFromEpoch', 'verbose'];

/** Stops training when the monitored quantity has stopped improving for `patience` epochs. */
export class EarlyStopping extends Callback {
  readonly monitor: string;
  readonly minDelta: number;
  readonly patience: number;
  readonly mode: MonitorMode;
  readonly baseline: number | null;
  readonly restoreBestWeights: boolean;
  readonly startFromEpoch: number;
  readonly verbose: 0 | 1;

  /** Epochs since the last improvement. */
  wait = 0;
  /** The epoch (0-based) at which training was stopped; 0 when it was not. */
  stoppedEpoch = 0;
  /** The epoch (0-based) with the best monitored value so far. */
  bestEpoch = 0;
  /** The best monitored value so far (null before the first watched epoch). */
  best: number | null = null;

  private bestWeights: Tensor[] | null = null;
  private restored = false;
  private readonly warned = { value: false };

  constructor(args: EarlyStoppingArgs = {}) {
    super();
    const a = checkOptions(OWNER, args, KEYS);
    this.monitor = checkName(OWNER, 'monitor', a.monitor ?? 'val_loss');
    this.minDelta = checkNonNegative(OWNER, 'minDelta', a.minDelta ?? 0);
    this.patience = checkNonNegativeInt(OWNER, 'patience', a.patience ?? 0);
    this.mode = checkMode(OWNER, a.mode ?? 'auto');
    const baseline = a.baseline ?? null;
    if (baseline !== null && (typeof baseline !== 'number' || !Number.isFinite(baseline))) {
      throw argError(OWNER, 'baseline', 'a finite number or null', baseline);
    }
    this.baseline = baseline;
    const restore = a.restoreBestWeights ?? false;
    if (typeof restore !== 'boolean') throw argError(OWNER, 'restoreBestWeights', 'a boolean', restore);
    this.restoreBestWeights = restore;
    this.startFromEpoch = checkNonNegativeInt(OWNER, 'startFromEpoch', a.startFromEpoch ?? 0);
    this.verbose = checkVerbose(OWNER, a.verbose ?? 0);
  }

  /** The direction 'auto' resolved to for this monitor. */
  get direction(): 'min' | 'max' {
    return resolveMode(this.mode, this.monitor);
  }

  override onTrainBegin(): void {
    // Reset so an instance can be reused across fits.
    this.wait = 0;
    this.stoppedEpoch = 0;
    this.bestEpoch = 0;
    this.best = null;
    this.restored = false;
    this.warned.value = false;
    this.dropBestWeights();
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    const current = readMonitored(OWNER, 'Early stopping', this.monitor, logs, this.warned);
    if (current === undefined || epoch < this.startFromEpoch) return;
    // Until something improves, the weights we have are the best we know.
    if (this.restoreBestWeights && this.bestWeights === null) this.snapshot(epoch);
    this.wait += 1;
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.snapshot(epoch);
      // The counter restarts only once the baseline is beaten too.
      if (this.baseline === null || this.isImprovement(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      this.requireModel().stopTraining = true;
      this.restore();
    }
  }

  override onTrainEnd(): void {
    if (this.stoppedEpoch > 0 && this.verbose > 0) console.log(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
    this.restore();
    this.dropBestWeights();
  }

  /** `current` beats `reference` by more than minDelta in the monitored direction (anything beats null). */
  private isImprovement(current: number, reference: number | null): boolean {
    if (reference === null) return true;
    return this.direction === 'min' ? current + this.minDelta < reference : current - this.minDelta > reference;
  }

  /** Copies the model's weights as the best ones, freeing the previous copy. */
  private snapshot(epoch: number): void {
    this.dropBestWeights();
    // keep(): the copies must outlive any tidy scope the trainer calls hooks from.
    this.bestWeights = this.requireModel().getWeights().map((w) => keep(w));
    this.bestEpoch = epoch;
    this.restored = false;
  }

  /** Sets the best weights back on the model, once per snapshot. */
  private restore(): void {
    if (!this.restoreBestWeights || this.bestWeights === null || this.restored) return;
    if (this.verbose > 0) console.log(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`);
    this.requireModel().setWeights(this.bestWeights);
    this.restored = true;
  }

  private dropBestWeights(): void {
    if (this.bestWeights !== null) dispose(this.bestWeights);
    this.bestWeights = null;
  }

  private requireModel() {
    if (this.model === null) throw new NeuriteError(`${OWNER}: no model was set (the trainer calls setModel before training)`);
    return this.model;
  }
}
