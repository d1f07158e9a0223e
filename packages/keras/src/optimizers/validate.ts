import { NeuriteError, argumentError, readOptionsObject } from '@neurite/tensor';
import type { LearningRateSchedule } from './optimizer.js';

// Argument checks shared by the optimizers and schedules. Each rejects (never clamps) with a message in
// Neurite's form: `Owner: arg must be <expected>. Received: arg=<value>`.

/** The NeuriteError for a bad argument. */
export function argError(owner: string, arg: string, expected: string, received: unknown): NeuriteError {
  return argumentError(owner, arg, expected, received);
}

/** A finite number > 0. */
export function checkPositive(owner: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw argError(owner, arg, 'a finite number > 0', value);
  return value;
}

/** A finite number >= 0. */
export function checkNonNegative(owner: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw argError(owner, arg, 'a finite number >= 0', value);
  return value;
}

/** A finite number (any sign). */
export function checkFinite(owner: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw argError(owner, arg, 'a finite number', value);
  return value;
}

/** A number in [0, 1) (`closed` false) or [0, 1] (`closed` true). */
export function checkUnit(owner: string, arg: string, value: unknown, closed: boolean): number {
  const ok = typeof value === 'number' && value >= 0 && (closed ? value <= 1 : value < 1);
  if (!ok) throw argError(owner, arg, closed ? 'a number in [0, 1]' : 'a number in [0, 1)', value);
  return value as number;
}

/** An integer >= `min`. */
export function checkInteger(owner: string, arg: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) throw argError(owner, arg, `an integer >= ${min}`, value);
  return value;
}

/** A boolean. */
export function checkBoolean(owner: string, arg: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw argError(owner, arg, 'a boolean', value);
  return value;
}

/** A non-empty string. */
export function checkName(owner: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) throw argError(owner, 'name', 'a non-empty string', value);
  return value;
}

/** `null`/`undefined` (unset) or a finite number > 0. */
export function checkOptionalPositive(owner: string, arg: string, value: unknown): number | null {
  return value === undefined || value === null ? null : checkPositive(owner, arg, value);
}

/** Whether `value` looks like a LearningRateSchedule (duck-typed so any implementation fits). */
export function isSchedule(value: unknown): value is LearningRateSchedule {
  if (value === null || typeof value !== 'object') return false;
  const s = value as Partial<LearningRateSchedule>;
  return typeof s.at === 'function' && typeof s.getConfig === 'function' && typeof s.className === 'string';
}

/** A learning rate: a finite number >= 0 (0 as Keras allows, where a warm-up starts) or a LearningRateSchedule. */
export function checkLearningRate(owner: string, value: unknown): number | LearningRateSchedule {
  if (isSchedule(value)) return value;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw argError(owner, 'learningRate', 'a finite number >= 0 or a LearningRateSchedule', value);
  }
  return value;
}

/** An options object (or undefined), with no keys outside `allowed`. */
export function checkOptions<T extends object>(owner: string, options: T | null | undefined, allowed: readonly string[]): Partial<T> {
  if (options === null) throw argError(owner, 'options', 'an object', options);
  return readOptionsObject(owner, options, allowed);
}
