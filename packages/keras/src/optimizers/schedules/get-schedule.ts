import { NeuriteError, Registry, normalizeIdentifier } from '@neurite/tensor';
import type { LearningRateSchedule } from '../optimizer.js';
import { argError, isSchedule } from '../validate.js';
import { CosineDecay } from './cosine-decay.js';
import { ExponentialDecay } from './exponential-decay.js';
import { PiecewiseConstantDecay } from './piecewise-constant-decay.js';

/** Identifier normalisation shared with getOptimizer: case- and underscore-insensitive. */
export { normalizeIdentifier };

/** A schedule class as the registry holds it. */
export type ScheduleClass = new (config: any) => LearningRateSchedule;

/** The learning rate schedules by normalised class name. */
export const scheduleClasses = new Registry<ScheduleClass>('learning rate schedule');
scheduleClasses.register('registerSchedule', ['exponentialdecay'], ExponentialDecay as ScheduleClass);
scheduleClasses.register('registerSchedule', ['cosinedecay'], CosineDecay as ScheduleClass);
scheduleClasses.register('registerSchedule', ['piecewiseconstantdecay'], PiecewiseConstantDecay as ScheduleClass);

/** A schedule from an instance (returned as-is) or its serialized `{ className, config }`. */
export function getSchedule(identifier: LearningRateSchedule | { className: string; config?: Record<string, unknown> }): LearningRateSchedule {
  if (isSchedule(identifier)) return identifier;
  const id = identifier as { className?: unknown; config?: unknown };
  if (id === null || typeof id !== 'object' || typeof id.className !== 'string') {
    throw argError('getSchedule', 'identifier', 'a LearningRateSchedule or { className, config }', identifier);
  }
  const cls = scheduleClasses.get(normalizeIdentifier(id.className));
  if (!cls) {
    throw new NeuriteError(
      `getSchedule: unknown learning rate schedule '${id.className}'. Known: ExponentialDecay, CosineDecay, PiecewiseConstantDecay`,
    );
  }
  return new cls((id.config ?? {}) as Record<string, unknown>);
}
