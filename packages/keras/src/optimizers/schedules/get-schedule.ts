import { NeuriteError, normalizeIdentifier } from '@neurite/tensor';
import type { LearningRateSchedule } from '../optimizer.js';
import { argError, isSchedule } from '../validate.js';
import { CosineDecay, type CosineDecayArgs } from './cosine-decay.js';
import { ExponentialDecay, type ExponentialDecayArgs } from './exponential-decay.js';
import { PiecewiseConstantDecay, type PiecewiseConstantDecayArgs } from './piecewise-constant-decay.js';

/** Identifier normalisation shared with getOptimizer: case- and underscore-insensitive. */
export { normalizeIdentifier };

const SCHEDULES: Record<string, (config: Record<string, unknown>) => LearningRateSchedule> = {
  exponentialdecay: (c) => new ExponentialDecay(c as unknown as ExponentialDecayArgs),
  cosinedecay: (c) => new CosineDecay(c as unknown as CosineDecayArgs),
  piecewiseconstantdecay: (c) => new PiecewiseConstantDecay(c as unknown as PiecewiseConstantDecayArgs),
};

/** A schedule from an instance (returned as-is) or its serialized `{ className, config }`. */
export function getSchedule(identifier: LearningRateSchedule | { className: string; config?: Record<string, unknown> }): LearningRateSchedule {
  if (isSchedule(identifier)) return identifier;
  const id = identifier as { className?: unknown; config?: unknown };
  if (id === null || typeof id !== 'object' || typeof id.className !== 'string') {
    throw argError('getSchedule', 'identifier', 'a LearningRateSchedule or { className, config }', identifier);
  }
  const make = SCHEDULES[normalizeIdentifier(id.className)];
  if (!make) {
    throw new NeuriteError(
      `getSchedule: unknown learning rate schedule '${id.className}'. Known: ExponentialDecay, CosineDecay, PiecewiseConstantDecay`,
    );
  }
  return make((id.config ?? {}) as Record<string, unknown>);
}
