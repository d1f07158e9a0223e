import { argumentError as argError, checkNonEmptyString, checkPositive, readOptionsObject } from '@neurite/tensor';
import type { LearningRateSchedule } from './optimizer.js';

// The optimizers' and schedules' argument checks: the shared ones from the tensor core, and those only
// they need. Each rejects (never clamps): `Owner: arg must be <expected>. Received: arg=<value>`.
export { argError };
export { checkPositive, checkNonNegative, checkFinite, checkInteger, checkBoolean } from '@neurite/tensor';

/** A number in [0, 1) (`closed` false) or [0, 1] (`closed` true). */
export function checkUnit(owner: string, arg: string, value: unknown, closed: boolean): number {
  const ok = typeof value === 'number' && value >= 0 && (closed ? value <= 1 : value < 1);
  if (!ok) throw argError(owner, arg, closed ? 'a number in [0, 1]' : 'a number in [0, 1)', value);
  return value as number;
}

/** A non-empty name. */
export function checkName(owner: string, value: unknown): string {
  return checkNonEmptyString(owner, 'name', value);
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
