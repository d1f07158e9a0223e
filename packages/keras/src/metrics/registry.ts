import { NeuriteError, Registry, normalizeIdentifier as normalize } from '@neurite/tensor';
import { camelCaseKeys, describeValue, normalizeIdentifier } from '../losses/argument-checks.js';
import { lossClassNameOf, type LossIdentifier } from '../losses/registry.js';
import type { MetricLike } from './metric.js';
import { Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy } from './accuracy.js';
import { MeanMetricWrapper, type MetricFunction } from './mean.js';
import { MeanAbsoluteError, MeanSquaredError } from './regression.js';
import { SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy } from './top-k.js';

/** A metric's serialized form: its class name and constructor options. */
export interface MetricConfig {
  className: string;
  config?: Record<string, unknown>;
}

/** Everything `getMetric` resolves: a name, a metric object, a per-sample function or a serialized metric. */
export type MetricIdentifier = string | MetricLike | MetricFunction | MetricConfig;

/** Options of `getMetric`: the compiled loss, which decides what 'accuracy' means. */
export interface GetMetricOptions {
  loss?: LossIdentifier;
}

/** A metric class as the registry holds it: constructed from its config. */
export type MetricClass = new (config?: any) => MetricLike;

/** The metric classes by Keras class name, for `{ className, config }` and names. */
export const metricClasses = new Registry<MetricClass>('metric class');
const builtIns: Record<string, MetricClass> = {
  Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy, TopKCategoricalAccuracy, SparseTopKCategoricalAccuracy,
  MeanSquaredError, MeanAbsoluteError,
};
for (const [className, cls] of Object.entries(builtIns)) metricClasses.register('registerMetric', [className], cls);

/** Keras's metric names and aliases (snake_case; camelCase spellings match too) -> class name. */
const names: Record<string, string> = {
  binary_accuracy: 'BinaryAccuracy',
  categorical_accuracy: 'CategoricalAccuracy',
  sparse_categorical_accuracy: 'SparseCategoricalAccuracy',
  top_k_categorical_accuracy: 'TopKCategoricalAccuracy',
  sparse_top_k_categorical_accuracy: 'SparseTopKCategoricalAccuracy',
  mean_squared_error: 'MeanSquaredError',
  mse: 'MeanSquaredError',
  mean_absolute_error: 'MeanAbsoluteError',
  mae: 'MeanAbsoluteError',
};

/** Names whose meaning depends on the loss (Keras: 'accuracy' and 'acc', any case). */
const ACCURACY_NAMES = ['accuracy', 'acc'];

const byKey = new Map<string, string>();
for (const [name, className] of Object.entries(names)) byKey.set(normalizeIdentifier(name), className);
for (const className of metricClasses.names()) if (className !== 'Accuracy') byKey.set(normalizeIdentifier(className), className);

/**
 * Makes a metric class known to `getMetric`/`deserializeMetric` (and compile configs in files) under
 * `className` and its camelCase/snake_case spellings.
 */
export function registerMetric(className: string, cls: MetricClass): void {
  metricClasses.register('registerMetric', [className], cls);
  byKey.set(normalize(className), className);
}

/** The known metric names, as listed in error messages. */
export function knownMetricNames(): string[] {
  return [...ACCURACY_NAMES, ...Object.keys(names)];
}

function isMetricLike(value: unknown): value is MetricLike {
  return (
    typeof value === 'object' && value !== null &&
    typeof (value as MetricLike).updateState === 'function' && typeof (value as MetricLike).result === 'function'
  );
}

/** The loss's class name and whether it takes logits, from any loss identifier (undefined when unknown). */
function describeLoss(loss: LossIdentifier | undefined): { className?: string; fromLogits: boolean } {
  if (typeof loss === 'string') return { className: lossClassNameOf(loss), fromLogits: false };
  if (typeof loss !== 'object' || loss === null || typeof loss.className !== 'string') return { fromLogits: false };
  const record = loss as unknown as Record<string, unknown>;
  const config = (record.config ?? {}) as Record<string, unknown>;
  const fromLogits = record.fromLogits ?? config.fromLogits ?? config.from_logits;
  return { className: lossClassNameOf(loss.className), fromLogits: fromLogits === true };
}

/**
 * The metric 'accuracy' stands for, chosen by the loss as tf.keras did: sparse categorical crossentropy ->
 * SparseCategoricalAccuracy, categorical -> CategoricalAccuracy, binary -> BinaryAccuracy (threshold 0
 * when the loss takes logits, as sigmoid(x) > 0.5 iff x > 0), anything else -> Accuracy (exact match).
 */
function accuracyFor(loss: LossIdentifier | undefined, name: string): MetricLike {
  const { className, fromLogits } = describeLoss(loss);
  switch (className) {
    case 'SparseCategoricalCrossentropy':
      return new SparseCategoricalAccuracy({ name });
    case 'CategoricalCrossentropy':
      return new CategoricalAccuracy({ name });
    case 'BinaryCrossentropy':
      return new BinaryAccuracy({ name, threshold: fromLogits ? 0 : 0.5 });
    default:
      return new Accuracy({ name });
  }
}

/**
 * Resolves one of `compile`'s `metrics`: a Keras name in snake_case or camelCase ('accuracy', 'acc', 'mse',
 * 'categorical_accuracy', 'sparseTopKCategoricalAccuracy'), a metric object (as is), a per-sample function
 * (averaged over samples) or `{ className, config }`. A metric given by name logs under that name, as in
 * Keras 3 ('acc' logs 'acc', 'mse' logs 'mse'). An unknown name is an error listing the known ones.
 */
export function getMetric(identifier: MetricIdentifier, options: GetMetricOptions = {}): MetricLike {
  if (isMetricLike(identifier)) return identifier;
  if (typeof identifier === 'function') return new MeanMetricWrapper(identifier);
  if (typeof identifier === 'string') {
    if (ACCURACY_NAMES.includes(identifier.toLowerCase())) return accuracyFor(options.loss, identifier);
    const className = byKey.get(normalizeIdentifier(identifier));
    if (className === undefined) {
      throw new NeuriteError(
        `getMetric: unknown metric '${identifier}'; known: ${knownMetricNames().join(', ')}. Received: metric=${describeValue(identifier)}`,
      );
    }
    return new (metricClasses.require('getMetric', className))({ name: identifier });
  }
  if (typeof identifier === 'object' && identifier !== null && typeof (identifier as MetricConfig).className === 'string') {
    return deserializeMetric(identifier as MetricConfig);
  }
  throw new NeuriteError(
    `getMetric: metric must be a metric name, a metric object, a function (yTrue, yPred) => Tensor or { className, config }. Received: metric=${describeValue(identifier)}`,
  );
}

/** Rebuilds a metric from `{ className, config }` (Keras's snake_case config keys are accepted). */
export function deserializeMetric(serialized: MetricConfig): MetricLike {
  const cls = metricClasses.get(serialized?.className);
  if (cls === undefined) {
    throw new NeuriteError(
      `deserializeMetric: unknown metric class '${serialized?.className}'; known: ${Object.keys(builtIns).concat(metricClasses.names().filter((n) => !(n in builtIns))).join(', ')}. Received: className=${describeValue(serialized?.className)}`,
    );
  }
  return new cls(serialized.config === undefined ? undefined : camelCaseKeys(serialized.config));
}
