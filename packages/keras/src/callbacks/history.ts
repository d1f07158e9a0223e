import { Callback, type Logs } from './callback.js';

/**
 * Records every epoch's logs: `history[key]` holds one value per epoch in which `key` was logged, `epoch` the
 * epoch indices. `fit` always adds one and returns it. As in Keras, a second `fit` with the same instance
 * appends to `history` (only `epoch` is reset).
 */
export class History extends Callback {
  history: Record<string, number[]> = {};
  epoch: number[] = [];

  override onTrainBegin(): void {
    this.epoch = [];
  }

  override onEpochEnd(epoch: number, logs?: Logs): void {
    this.epoch.push(epoch);
    for (const [key, value] of Object.entries(logs ?? {})) {
      (this.history[key] ??= []).push(value);
    }
  }
}
