import { Callback, type Logs } from './callback.js';
import { argError, checkOptions } from './validate.js';

/** Options of TerminateOnNaN. */
export interface TerminateOnNaNArgs {
  /** Where the message goes. Default console.log. */
  print?: (message: string) => void;
}

/** Stops training as soon as a batch's loss is NaN or infinite, printing the batch. */
export class TerminateOnNaN extends Callback {
  private readonly print: (message: string) => void;

  constructor(args: TerminateOnNaNArgs = {}) {
    super();
    const a = checkOptions('TerminateOnNaN', args, ['print']);
    if (a.print !== undefined && typeof a.print !== 'function') throw argError('TerminateOnNaN', 'print', 'a function', a.print);
    this.print = a.print ?? ((message) => console.log(message));
  }

  override onTrainBatchEnd(batch: number, logs?: Logs): void {
    const loss = logs?.loss;
    if (typeof loss === 'number' && !Number.isFinite(loss)) {
      this.print(`Batch ${batch}: Invalid loss, terminating training`);
      if (this.model) this.model.stopTraining = true;
    }
  }
}
