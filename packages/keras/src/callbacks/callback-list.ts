import { Callback, type Logs, type TrainingModel, type TrainParams } from './callback.js';
import { argError } from './validate.js';

type Hook = Exclude<
  {
    [K in keyof Callback]: Callback[K] extends (...args: never[]) => void | Promise<void> ? K : never;
  }[keyof Callback],
  'setModel' | 'setParams'
>;

/** True for a promise or any other thenable a hook may return. */
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Holds the callbacks of one `fit`/`evaluate`/`predict` call and forwards every hook to each of them in order.
 * A hook that returns a promise is awaited before the next callback runs; when every hook is synchronous the
 * call stays synchronous (no microtask per batch).
 */
export class CallbackList extends Callback {
  readonly callbacks: Callback[];

  constructor(callbacks: readonly Callback[] = [], options: { model?: TrainingModel; params?: TrainParams } = {}) {
    super();
    if (!Array.isArray(callbacks)) throw argError('CallbackList', 'callbacks', 'an array of callbacks', callbacks);
    this.callbacks = [];
    callbacks.forEach((c) => this.append(c));
    if (options.model) this.setModel(options.model);
    if (options.params) this.setParams(options.params);
  }

  /** Adds a callback at the end; it receives the model and params already set on the list. */
  append(callback: Callback): void {
    if (callback === null || typeof callback !== 'object') {
      throw argError('CallbackList', `callbacks[${this.callbacks.length}]`, 'a Callback', callback);
    }
    this.callbacks.push(callback);
    if (this.model && typeof callback.setModel === 'function') callback.setModel(this.model);
    if (this.params && typeof callback.setParams === 'function') callback.setParams(this.params);
  }

  /** Sets the model on the list and on every callback. */
  override setModel(model: TrainingModel): void {
    super.setModel(model);
    for (const c of this.callbacks) if (typeof c.setModel === 'function') c.setModel(model);
  }

  /** Sets the training parameters on the list and on every callback. */
  override setParams(params: TrainParams): void {
    super.setParams(params);
    for (const c of this.callbacks) if (typeof c.setParams === 'function') c.setParams(params);
  }

  override onTrainBegin(logs?: Logs): void | Promise<void> {
    return this.forward('onTrainBegin', [logs]);
  }
  override onTrainEnd(logs?: Logs): void | Promise<void> {
    return this.forward('onTrainEnd', [logs]);
  }
  override onEpochBegin(epoch: number, logs?: Logs): void | Promise<void> {
    return this.forward('onEpochBegin', [epoch, logs]);
  }
  override onEpochEnd(epoch: number, logs?: Logs): void | Promise<void> {
    return this.forward('onEpochEnd', [epoch, logs]);
  }
  override onTrainBatchBegin(batch: number, logs?: Logs): void | Promise<void> {
    return this.forward('onTrainBatchBegin', [batch, logs]);
  }
  override onTrainBatchEnd(batch: number, logs?: Logs): void | Promise<void> {
    return this.forward('onTrainBatchEnd', [batch, logs]);
  }
  override onTestBegin(logs?: Logs): void | Promise<void> {
    return this.forward('onTestBegin', [logs]);
  }
  override onTestEnd(logs?: Logs): void | Promise<void> {
    return this.forward('onTestEnd', [logs]);
  }
  override onPredictBegin(logs?: Logs): void | Promise<void> {
    return this.forward('onPredictBegin', [logs]);
  }
  override onPredictEnd(logs?: Logs): void | Promise<void> {
    return this.forward('onPredictEnd', [logs]);
  }

  /** Calls `hook` on callbacks[from..] in order; switches to awaiting once one of them returns a promise. */
  private forward(hook: Hook, args: unknown[], from = 0): void | Promise<void> {
    for (let i = from; i < this.callbacks.length; i++) {
      const fn = (this.callbacks[i] as unknown as Record<string, unknown>)[hook];
      if (typeof fn !== 'function') continue;
      const result: unknown = fn.apply(this.callbacks[i], args);
      if (isThenable(result)) {
        return Promise.resolve(result).then(() => this.forward(hook, args, i + 1));
      }
    }
  }
}
