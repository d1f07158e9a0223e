// The optimizers module's public API (the lead wires it into the package's src/index.ts).
export type { LearningRateSchedule, OptimizerArgs, OptimizerLike } from './optimizer.js';
export { Optimizer, type BaseOptimizerArgs, type SerializedConfig } from './base-optimizer.js';
export type { OptimizerStateVariable, SavedStateValue, SlotLayout, SlotSpec } from './state.js';
export { SGD, type SGDArgs } from './sgd.js';
export { Adam, type AdamArgs } from './adam.js';
export { AdamW, type AdamWArgs } from './adamw.js';
export { RMSprop, type RMSpropArgs } from './rmsprop.js';
export { Adagrad, type AdagradArgs } from './adagrad.js';
export { Schedule } from './schedules/schedule.js';
export { ExponentialDecay, type ExponentialDecayArgs } from './schedules/exponential-decay.js';
export { CosineDecay, type CosineDecayArgs } from './schedules/cosine-decay.js';
export { PiecewiseConstantDecay, type PiecewiseConstantDecayArgs } from './schedules/piecewise-constant-decay.js';
export { getSchedule, scheduleClasses } from './schedules/get-schedule.js';
export type { ScheduleClass } from './schedules/get-schedule.js';
export { getOptimizer, serializeOptimizer, optimizerClasses } from './get-optimizer.js';
export type { OptimizerClass } from './get-optimizer.js';
export { optimizers, schedules } from './namespace.js';
