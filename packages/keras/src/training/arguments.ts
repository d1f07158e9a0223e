import { NeuriteError, checkKeys, describeValue } from '@neurite/tensor';
import type { CompiledState } from './compile.js';
import type { TrainableModel } from './trainable-model.js';

/** The compiled state, or the error that `fit` / `evaluate` before `compile` deserves. */
export function requireCompiled(owner: string, model: TrainableModel): CompiledState {
  if (!model.compiled) {
    throw new NeuriteError(`${owner}: the model '${model.name}' must be compiled first: call model.compile({ optimizer, loss, metrics })`);
  }
  return model.compiled;
}

/** An options object with only known keys (a misspelt option is an error, not silently ignored). */
export function checkOptions(owner: string, args: unknown, known: string[]): void {
  if (args === null || typeof args !== 'object' || Array.isArray(args)) {
    throw new NeuriteError(`${owner}: options must be an object. Received: ${describeValue(args)}`);
  }
  checkKeys(owner, args, known);
}

/** A positive integer. */
export function checkPositiveInt(owner: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new NeuriteError(`${owner}: ${arg} must be a positive integer. Received: ${arg}=${describeValue(value)}`);
  }
  return value;
}

export function checkBatchSize(owner: string, value: unknown): number {
  return checkPositiveInt(owner, 'batchSize', value);
}

/** 0 (silent), 1 (progress bar) or 2 (one line per epoch). */
export function checkVerbose(owner: string, value: unknown): 0 | 1 | 2 {
  if (value !== 0 && value !== 1 && value !== 2) throw new NeuriteError(`${owner}: verbose must be 0, 1 or 2. Received: verbose=${describeValue(value)}`);
  return value;
}
