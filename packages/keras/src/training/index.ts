// The training loop: compile's resolution, fit, evaluate, predict and the per-batch entry points.
export { compileModel } from './compile.js';
export type { CompileArgs, CompiledState, CompiledOutput, CompiledMetric, LossIdentifier, MetricIdentifier, OptimizerIdentifier } from './compile.js';
export { fitModel } from './fit.js';
export type { FitArgs } from './fit-args.js';
export { evaluateModel } from './evaluate.js';
export type { EvaluateArgs } from './evaluate.js';
export { predictModel } from './predict.js';
export type { PredictArgs } from './predict.js';
export { trainOnBatch, testOnBatch } from './on-batch.js';
export type { ModelData } from './data.js';
export type { ClassWeight } from './class-weight.js';
export type { TrainableModel } from './trainable-model.js';
