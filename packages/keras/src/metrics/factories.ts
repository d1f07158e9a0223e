import {
  Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy, type BinaryAccuracyArgs,
} from './accuracy.js';
import { Mean, MeanMetricWrapper } from './mean.js';
import type { MetricArgs } from './metric-base.js';
import { MeanAbsoluteError, MeanSquaredError } from './regression.js';
import { deserializeMetric, getMetric, registerMetric } from './registry.js';
import { SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy, type TopKArgs } from './top-k.js';

/**
 * The metrics namespace, Keras-style: the classes (`new metrics.TopKCategoricalAccuracy({ k: 3 })`),
 * camelCase factories (`metrics.binaryAccuracy({ threshold: 0 })`) and `get`/`deserialize`.
 */
export const metrics = {
  Accuracy,
  BinaryAccuracy,
  CategoricalAccuracy,
  SparseCategoricalAccuracy,
  TopKCategoricalAccuracy,
  SparseTopKCategoricalAccuracy,
  MeanSquaredError,
  MeanAbsoluteError,
  Mean,
  MeanMetricWrapper,
  accuracy: (args?: MetricArgs) => new Accuracy(args),
  binaryAccuracy: (args?: BinaryAccuracyArgs) => new BinaryAccuracy(args),
  categoricalAccuracy: (args?: MetricArgs) => new CategoricalAccuracy(args),
  sparseCategoricalAccuracy: (args?: MetricArgs) => new SparseCategoricalAccuracy(args),
  topKCategoricalAccuracy: (args?: TopKArgs) => new TopKCategoricalAccuracy(args),
  sparseTopKCategoricalAccuracy: (args?: TopKArgs) => new SparseTopKCategoricalAccuracy(args),
  meanSquaredError: (args?: MetricArgs) => new MeanSquaredError(args),
  meanAbsoluteError: (args?: MetricArgs) => new MeanAbsoluteError(args),
  mean: (args?: MetricArgs) => new Mean(args),
  get: getMetric,
  deserialize: deserializeMetric,
  register: registerMetric,
} as const;
