import { Adagrad, type AdagradArgs } from './adagrad.js';
import { Adam, type AdamArgs } from './adam.js';
import { AdamW, type AdamWArgs } from './adamw.js';
import { Optimizer } from './base-optimizer.js';
import { getOptimizer, serializeOptimizer } from './get-optimizer.js';
import { RMSprop, type RMSpropArgs } from './rmsprop.js';
import { CosineDecay, type CosineDecayArgs } from './schedules/cosine-decay.js';
import { ExponentialDecay, type ExponentialDecayArgs } from './schedules/exponential-decay.js';
import { getSchedule } from './schedules/get-schedule.js';
import { PiecewiseConstantDecay, type PiecewiseConstantDecayArgs } from './schedules/piecewise-constant-decay.js';
import { Schedule } from './schedules/schedule.js';
import { SGD, type SGDArgs } from './sgd.js';

/** Learning rate schedules, as classes and as lower-case factories (`optimizers.schedules.cosineDecay({...})`). */
export const schedules = {
  LearningRateSchedule: Schedule,
  ExponentialDecay,
  CosineDecay,
  PiecewiseConstantDecay,
  exponentialDecay: (args: ExponentialDecayArgs) => new ExponentialDecay(args),
  cosineDecay: (args: CosineDecayArgs) => new CosineDecay(args),
  piecewiseConstantDecay: (args: PiecewiseConstantDecayArgs) => new PiecewiseConstantDecay(args),
  get: getSchedule,
};

/** Every optimizer, as a class (`new optimizers.Adam({...})`) and as a factory (`optimizers.adam({...})`). */
export const optimizers = {
  Optimizer,
  SGD,
  Adam,
  AdamW,
  RMSprop,
  Adagrad,
  sgd: (args?: SGDArgs) => new SGD(args),
  adam: (args?: AdamArgs) => new Adam(args),
  adamw: (args?: AdamWArgs) => new AdamW(args),
  rmsprop: (args?: RMSpropArgs) => new RMSprop(args),
  adagrad: (args?: AdagradArgs) => new Adagrad(args),
  get: getOptimizer,
  serialize: serializeOptimizer,
  schedules,
};
