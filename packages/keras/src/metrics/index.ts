// Metrics: the classes, the `metrics` namespace and `getMetric` for compile's `metrics` argument.
// MeanSquaredError/MeanAbsoluteError share their Keras names with the losses, so they are exported here
// with a Metric suffix (and under their Keras names in the `metrics` namespace).
export type { MetricLike } from './metric.js';
export { StreamingMean, MeanMetric } from './metric-base.js';
export type { MetricArgs } from './metric-base.js';
export { Mean, MeanMetricWrapper } from './mean.js';
export type { MetricFunction } from './mean.js';
export { Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy } from './accuracy.js';
export type { BinaryAccuracyArgs } from './accuracy.js';
export { TopKCategoricalAccuracy, SparseTopKCategoricalAccuracy } from './top-k.js';
export type { TopKArgs } from './top-k.js';
export { MeanSquaredError as MeanSquaredErrorMetric, MeanAbsoluteError as MeanAbsoluteErrorMetric } from './regression.js';
export { getMetric, deserializeMetric, knownMetricNames, registerMetric, metricClasses } from './registry.js';
export type { MetricConfig, MetricIdentifier, GetMetricOptions, MetricClass } from './registry.js';
export { metrics } from './factories.js';
