// The callbacks module's public API (the lead wires it into src/index.ts).
export { Callback } from './callback.js';
export type { Logs, TrainingModel, TrainParams } from './callback.js';
export { CallbackList } from './callback-list.js';
export { History } from './history.js';
export { EarlyStopping } from './early-stopping.js';
export type { EarlyStoppingArgs } from './early-stopping.js';
export { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';
export type { ReduceLROnPlateauArgs } from './reduce-lr-on-plateau.js';
export { LambdaCallback } from './lambda-callback.js';
export type { LambdaCallbackArgs, MaybePromise } from './lambda-callback.js';
export { TerminateOnNaN } from './terminate-on-nan.js';
export type { TerminateOnNaNArgs } from './terminate-on-nan.js';
export { CSVLogger } from './csv-logger.js';
export type { CSVLoggerArgs } from './csv-logger.js';
export { ProgressBar } from './progress-bar.js';
export type { ProgressBarArgs, ProgressStream } from './progress-bar.js';
export type { MonitorMode } from './monitor.js';
