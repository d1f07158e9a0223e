import { NeuriteError } from '@neurite/tensor';
import { Callback, type Logs } from './callback.js';
import { argError, checkOptions } from './validate.js';

/** What a LambdaCallback hook returns: nothing, or a promise that training waits for. */
export type MaybePromise = void | Promise<void>;

/** The functions a LambdaCallback runs; each is optional and may be async. */
export interface LambdaCallbackArgs {
  onEpochBegin?: (epoch: number, logs?: Logs) => MaybePromise;
  onEpochEnd?: (epoch: number, logs?: Logs) => MaybePromise;
  /** Runs before each training batch (Keras's on_batch_begin / on_train_batch_begin). */
  onBatchBegin?: (batch: number, logs?: Logs) => MaybePromise;
  /** Runs after each training batch (Keras's on_batch_end / on_train_batch_end). */
  onBatchEnd?: (batch: number, logs?: Logs) => MaybePromise;
  /** Same as onBatchBegin (the name of the Callback hook); give only one of the two. */
  onTrainBatchBegin?: (batch: number, logs?: Logs) => MaybePromise;
  /** Same as onBatchEnd (the name of the Callback hook); give only one of the two. */
  onTrainBatchEnd?: (batch: number, logs?: Logs) => MaybePromise;
  onTrainBegin?: (logs?: Logs) => MaybePromise;
  onTrainEnd?: (logs?: Logs) => MaybePromise;
}

const OWNER = 'LambdaCallback';
const KEYS = ['onEpochBegin', 'onEpochEnd', 'onBatchBegin', 'onBatchEnd', 'onTrainBatchBegin', 'onTrainBatchEnd', 'onTrainBegin', 'onTrainEnd'];

/** A callback built from plain functions, for quick custom hooks. */
export class LambdaCallback extends Callback {
  private readonly fns: LambdaCallbackArgs;

  constructor(args: LambdaCallbackArgs = {}) {
    super();
    const a = checkOptions(OWNER, args, KEYS);
    for (const [key, fn] of Object.entries(a)) {
      if (fn !== undefined && typeof fn !== 'function') throw argError(OWNER, key, 'a function', fn);
    }
    for (const [alias, hook] of [['onBatchBegin', 'onTrainBatchBegin'], ['onBatchEnd', 'onTrainBatchEnd']] as const) {
      if (a[alias] && a[hook]) {
        throw new NeuriteError(`${OWNER}: give only one of ${alias} and ${hook} (they are the same hook)`);
      }
    }
    this.fns = {
      ...a,
      onTrainBatchBegin: a.onTrainBatchBegin ?? a.onBatchBegin,
      onTrainBatchEnd: a.onTrainBatchEnd ?? a.onBatchEnd,
    };
  }

  override onEpochBegin(epoch: number, logs?: Logs): MaybePromise {
    return this.fns.onEpochBegin?.(epoch, logs);
  }
  override onEpochEnd(epoch: number, logs?: Logs): MaybePromise {
    return this.fns.onEpochEnd?.(epoch, logs);
  }
  override onTrainBatchBegin(batch: number, logs?: Logs): MaybePromise {
    return this.fns.onTrainBatchBegin?.(batch, logs);
  }
  override onTrainBatchEnd(batch: number, logs?: Logs): MaybePromise {
    return this.fns.onTrainBatchEnd?.(batch, logs);
  }
  override onTrainBegin(logs?: Logs): MaybePromise {
    return this.fns.onTrainBegin?.(logs);
  }
  override onTrainEnd(logs?: Logs): MaybePromise {
    return this.fns.onTrainEnd?.(logs);
  }
}
