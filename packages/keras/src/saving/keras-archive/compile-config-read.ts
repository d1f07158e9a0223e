import { getLoss } from '../../losses/index.js';
import { getMetric } from '../../metrics/index.js';
import type { Model } from '../../models/model.js';
import { getOptimizer, getSchedule } from '../../optimizers/index.js';
import type { CompileArgs } from '../../training/index.js';
import { readError, type ReadContext } from '../config/context.js';
import { constructLeniently, isNeutral, tolerateUnknownKey } from '../config/lenient.js';
import { fileError, messageOf } from '../sources/index.js';
import { snakeToCamel } from './compile-case.js';

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Keras optimizer options Neurite has no counterpart for, dropped when they hold a value that changes
 * nothing (Keras writes them all, defaults included); any other value is refused by the optimizer.
 */
const INERT: Record<string, (v: unknown) => boolean> = {
  use_ema: (v) => v === false || v == null,
  ema_momentum: () => true,
  ema_overwrite_frequency: (v) => v == null,
  loss_scale_factor: (v) => v == null,
  gradient_accumulation_steps: (v) => v == null,
  jit_compile: () => true,
  is_legacy_optimizer: () => true,
  decay: (v) => v === 0 || v == null,
};

/** Keras's `{ class_name, config }` (any nesting: schedules) as Neurite's `{ className, config }` in camelCase. */
function neuriteObject(value: Record<string, unknown>, dropInert = false): { className: string; config: Record<string, unknown> } {
  const config: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(isRecord(value.config) ? value.config : {})) {
    if (dropInert && key in INERT && INERT[key](v)) continue;
    const camel = key === 'lr' ? 'learningRate' : snakeToCamel(key);
    config[camel] = isRecord(v) && typeof v.class_name === 'string' ? neuriteObject(v) : v;
  }
  // tf.keras 2.11+ writes its new optimizers as 'Custom>Adam'.
  return { className: (value.class_name as string).replace(/^Custom>/, ''), config };
}

type Built = (object: { className: string; config: Record<string, unknown> }) => unknown;

/** float32, as a name or as Keras 3's DTypePolicy object: the only dtype Neurite computes losses and metrics in. */
function isFloat32(value: unknown): boolean {
  if (value == null || value === 'float32') return true;
  return isRecord(value) && isRecord(value.config) && value.config.name === 'float32';
}

/**
 * A loss's or metric's config without the keys Keras 3 writes for every one of them and that change
 * nothing here (`dtype` at float32); another dtype is refused.
 */
function withoutNeutralKeys(ctx: ReadContext, object: { className: string; config: Record<string, unknown> }) {
  const { dtype, ...config } = object.config;
  if (!isFloat32(dtype)) throw readError(ctx, `${object.className}: dtype ${JSON.stringify(dtype)} is not supported (Neurite computes losses and metrics in float32)`);
  return { className: object.className, config };
}

/**
 * An optimizer from the file, built leniently: a config key another Keras version added is ignored at
 * a neutral value and refused otherwise, in the optimizer and in a learning-rate schedule inside it.
 */
function buildOptimizer(ctx: ReadContext, object: { className: string; config: Record<string, unknown> }): unknown {
  const config = { ...object.config };
  const lr = config.learningRate as { className?: unknown; config?: Record<string, unknown> } | undefined;
  if (lr && typeof lr === 'object' && typeof lr.className === 'string') {
    const schedule = lr.className;
    config.learningRate = constructLeniently(ctx, schedule, lr.config ?? {}, (c) => getSchedule({ className: schedule, config: c }), 'optimizer learning_rate');
  }
  return constructLeniently(ctx, object.className, config, (c) => getOptimizer({ className: object.className, config: c }), 'optimizer');
}

/** A loss or metric entry: names stay names; serialized objects are built (leniently, by `build`); lists and records map through. */
function convertEntry(value: unknown, build: Built): unknown {
  if (Array.isArray(value)) return value.map((v) => convertEntry(v, build));
  if (isRecord(value)) {
    if (typeof value.class_name === 'string') {
      // tf.keras 2 wraps named metrics: { class_name: 'MeanMetricWrapper', config: { name: 'accuracy',
      // fn: 'categorical_accuracy' } }. 'accuracy' keeps its name (and its log key); others go by function.
      const inner = isRecord(value.config) ? value.config : {};
      if (value.class_name === 'MeanMetricWrapper' && typeof inner.fn === 'string') {
        return inner.name === 'accuracy' || inner.name === 'acc' ? inner.name : inner.fn;
      }
      return build(neuriteObject(value));
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertEntry(v, build)]));
  }
  return value;
}

/** A loss or metric object of the file, built with `get` (getLoss, getMetric) leniently. */
function buildLeniently(
  ctx: ReadContext, object: { className: string; config: Record<string, unknown> }, get: (identifier: never) => unknown, where: string,
): unknown {
  const { className, config } = withoutNeutralKeys(ctx, object);
  return constructLeniently(ctx, className, config, (c) => get({ className, config: c } as never), where);
}

/**
 * Compile-config keys that change how training runs, not what it computes (any value is fine), and the
 * ones Neurite reads; anything else goes to the lenient rule (ignored at a neutral value, else an error).
 */
const RUN_ONLY = ['run_eagerly', 'steps_per_execution', 'jit_compile', 'auto_scale_loss', 'sample_weight_mode'];
const READ = ['optimizer', 'optimizer_config', 'loss', 'metrics', 'loss_weights'];
/** Keys Neurite knows and supports at their neutral value only (null, or an empty list). */
const NEUTRAL_ONLY: Record<string, string> = { weighted_metrics: 'Neurite has no weighted metrics' };

/**
 * The compile arguments in a Keras 3 compile_config or a Keras 2 training_config (`optimizer_config`),
 * or null when it names no loss (nothing to compile).
 */
export function compileArgsOf(config: Record<string, unknown>, ctx: ReadContext = { source: 'the compile config', customObjects: {}, safeMode: true, legacy: false }): CompileArgs | null {
  for (const [key, value] of Object.entries(config)) {
    if (READ.includes(key) || RUN_ONLY.includes(key)) continue;
    if (key in NEUTRAL_ONLY) {
      if (!isNeutral(value)) throw readError(ctx, `compile config key '${key}' = ${JSON.stringify(value)} is not supported (${NEUTRAL_ONLY[key]})`);
      continue;
    }
    tolerateUnknownKey(ctx, 'compile', key, value);
  }
  const optimizer = config.optimizer ?? config.optimizer_config;
  if (config.loss == null || optimizer == null) return null;
  const args: CompileArgs = {
    optimizer: (isRecord(optimizer) ? buildOptimizer(ctx, neuriteObject(optimizer, true)) : optimizer) as CompileArgs['optimizer'],
    loss: convertEntry(config.loss, (o) => buildLeniently(ctx, o, getLoss, 'loss')) as CompileArgs['loss'],
  };
  if (config.metrics != null) {
    let metrics = convertEntry(config.metrics, (o) => buildLeniently(ctx, o, getMetric, 'metrics'));
    // Keras 2 writes one list per output even for a single output: [['accuracy']].
    if (Array.isArray(metrics) && metrics.length === 1 && Array.isArray(metrics[0])) metrics = metrics[0];
    args.metrics = metrics as CompileArgs['metrics'];
  }
  if (config.loss_weights != null) {
    const w = config.loss_weights;
    args.lossWeights = (typeof w === 'number' ? [w] : w) as CompileArgs['lossWeights'];
  }
  return args;
}

/**
 * Compiles a loaded model as its file says (optimizer with its settings, loss, metrics, loss weights).
 * A setting Neurite cannot honour is an error naming the file, with the way around it.
 */
export function restoreCompile(model: Model, config: unknown, name: string, operation: string, kerasVersion?: string): void {
  if (!isRecord(config) || model.compiled) return;
  let args: CompileArgs | null;
  try {
    args = compileArgsOf(config, { source: name, customObjects: {}, safeMode: true, legacy: false, producer: kerasVersion });
    if (args) model.compile(args);
  } catch (e) {
    throw fileError(operation, name, `the training configuration cannot be restored (${messageOf(e)}); load with { compile: false } to skip it`, e);
  }
}
