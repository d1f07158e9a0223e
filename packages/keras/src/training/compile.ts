import { NeuriteError, describeValue } from '@neurite/tensor';
import type { LossLike } from '../losses/loss.js';
import { getLoss } from '../losses/index.js';
import type { MetricLike } from '../metrics/metric.js';
import { getMetric } from '../metrics/index.js';
import type { OptimizerLike } from '../optimizers/optimizer.js';
import { getOptimizer } from '../optimizers/index.js';

/** A loss as `compile` takes it: a name ('categoricalCrossentropy', 'mse', …) or a loss object. */
export type LossIdentifier = Parameters<typeof getLoss>[0];
/** A metric as `compile` takes it: a name ('accuracy', 'mae', …) or a metric object. */
export type MetricIdentifier = Parameters<typeof getMetric>[0];
/** An optimizer as `compile` takes it: a name ('adam', 'sgd', …) or an optimizer object. */
export type OptimizerIdentifier = Parameters<typeof getOptimizer>[0];

export interface CompileArgs {
  optimizer: OptimizerIdentifier;
  /** One loss (for every output), a list (one per output, null for none) or a record by output name. */
  loss: LossIdentifier | (LossIdentifier | null)[] | Record<string, LossIdentifier | null>;
  /**
   * A list of metrics (single output), a list with one entry per output (a metric or a list of them), or
   * a record by output name.
   */
  metrics?: MetricIdentifier[] | (MetricIdentifier | MetricIdentifier[] | null)[] | Record<string, MetricIdentifier | MetricIdentifier[]>;
  /** Weights of each output's loss in the total (a list or a record by output name; 1 by default). */
  lossWeights?: number[] | Record<string, number>;
}

/** A metric with the key it is logged under (`accuracy`, or `out_accuracy` for several outputs). */
export interface CompiledMetric {
  key: string;
  metric: MetricLike;
}

/** What `compile` resolved for one model output. */
export interface CompiledOutput {
  name: string;
  loss: LossLike | null;
  weight: number;
  metrics: CompiledMetric[];
}

/** What `compile` resolved: the optimizer and, per output, loss, loss weight and metrics. */
export interface CompiledState {
  optimizer: OptimizerLike;
  /** Whether compile created the optimizer (from a name or a config), so the model may dispose it. */
  ownsOptimizer: boolean;
  outputs: CompiledOutput[];
}

/** What compile needs of a model. */
export interface CompilableModel {
  readonly name: string;
  readonly outputNames: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** Spreads a per-output argument (single value, list, or record by name) to one entry per output. */
function perOutput<T>(arg: string, value: unknown, names: string[], isSingle: (v: unknown) => boolean, missing: T | null): (T | null)[] {
  if (isRecord(value) && !isSingle(value)) {
    const unknownKey = Object.keys(value).find((k) => !names.includes(k));
    if (unknownKey !== undefined) {
      throw new NeuriteError(`compile: ${arg} has a key '${unknownKey}' that is not an output name; outputs: [${names.join(', ')}]`);
    }
    return names.map((n) => (n in value ? (value[n] as T) : missing));
  }
  if (Array.isArray(value)) {
    if (value.length !== names.length) {
      throw new NeuriteError(
        `compile: ${arg} given as a list must have one entry per output (${names.length}: [${names.join(', ')}]). Received: ${value.length} entries`,
      );
    }
    return value as (T | null)[];
  }
  return names.map(() => value as T);
}

function checkWeight(name: string, w: unknown): number {
  if (typeof w !== 'number' || !Number.isFinite(w)) {
    throw new NeuriteError(`compile: lossWeights for output '${name}' must be a finite number. Received: ${describeValue(w)}`);
  }
  return w;
}

/** Resolves `compile`'s arguments against the model's outputs; unknown names fail in the getters. */
export function compileModel(model: CompilableModel, args: CompileArgs): CompiledState {
  if (args == null || typeof args !== 'object') {
    throw new NeuriteError(`compile: expected { optimizer, loss, metrics? }. Received: ${describeValue(args)}`);
  }
  if (args.optimizer == null) throw new NeuriteError(`compile: optimizer is required. Received: optimizer=${describeValue(args.optimizer)}`);
  if (args.loss == null) throw new NeuriteError(`compile: loss is required. Received: loss=${describeValue(args.loss)}`);
  const names = model.outputNames;
  if (names.length === 0) throw new NeuriteError(`compile: ${model.name} has no outputs (add layers first)`);

  // A loss object is a record too: tell them apart by its `call` method.
  const isLossObject = (v: unknown): boolean =>
    typeof v === 'function' || typeof (v as { call?: unknown })?.call === 'function' || typeof (v as { className?: unknown })?.className === 'string';
  const lossIds = perOutput<LossIdentifier>('loss', args.loss, names, isLossObject, null);
  const losses = lossIds.map((id) => (id == null ? null : getLoss(id)));
  if (losses.every((l) => l === null)) throw new NeuriteError('compile: at least one output needs a loss');

  const weights = args.lossWeights === undefined ? names.map(() => 1) : perOutput<number>('lossWeights', args.lossWeights, names, () => false, 1);
  if (Array.isArray(args.lossWeights) && names.length === 1 && args.lossWeights.length !== 1) {
    throw new NeuriteError(`compile: lossWeights must have one entry per output (1). Received: ${args.lossWeights.length} entries`);
  }

  // A flat list of metrics for a single output is that output's list.
  let metricsArg: unknown = args.metrics ?? [];
  if (Array.isArray(metricsArg) && metricsArg.length === 0) metricsArg = names.map(() => []);
  else if (names.length === 1 && Array.isArray(metricsArg)) metricsArg = [metricsArg];
  const isMetricObject = (v: unknown): boolean =>
    typeof (v as { updateState?: unknown })?.updateState === 'function' || typeof (v as { className?: unknown })?.className === 'string';
  const metricIds = perOutput<MetricIdentifier | MetricIdentifier[]>('metrics', metricsArg, names, isMetricObject, []);

  const used = new Set<string>(['loss']);
  const outputs: CompiledOutput[] = names.map((name, i) => {
    const loss = losses[i];
    const ids = metricIds[i] == null ? [] : Array.isArray(metricIds[i]) ? (metricIds[i] as MetricIdentifier[]) : [metricIds[i] as MetricIdentifier];
    const metrics = ids.map((id) => {
      const metric = getMetric(id, { loss: loss ?? undefined });
      let key = names.length > 1 ? `${name}_${metric.name}` : metric.name;
      for (let k = 1; used.has(key); k++) key = `${names.length > 1 ? `${name}_` : ''}${metric.name}_${k}`;
      used.add(key);
      return { key, metric };
    });
    return { name, loss, weight: checkWeight(name, weights[i] ?? 1), metrics };
  });
  const optimizer = getOptimizer(args.optimizer);
  return { optimizer, ownsOptimizer: optimizer !== (args.optimizer as unknown), outputs };
}
