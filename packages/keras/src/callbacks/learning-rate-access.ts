import { NeuriteError, describeValue } from '@neurite/tensor';
import type { TrainingModel } from './callback.js';

/** What a callback needs of an optimizer to change its learning rate: a settable `learningRate`. */
interface LearningRateHolder {
  learningRate: unknown;
}

/** A LearningRateSchedule (duck-typed: an object with `at(step)`). */
export function isSchedule(value: unknown): boolean {
  return value !== null && typeof value === 'object' && typeof (value as { at?: unknown }).at === 'function';
}

/** The model's optimizer, checked to expose `learningRate` (optimizers/base-optimizer.ts has a getter/setter). */
export function learningRateHolder(owner: string, model: TrainingModel | null): LearningRateHolder {
  if (model === null) throw new NeuriteError(`${owner}: no model was set (the trainer calls setModel before training)`);
  const opt = model.optimizer;
  if (opt === null || typeof opt !== 'object' || !('learningRate' in opt)) {
    throw new NeuriteError(`${owner}: the model's optimizer must have a learningRate property. Received: optimizer=${describeValue(opt)}`);
  }
  return opt as LearningRateHolder;
}
