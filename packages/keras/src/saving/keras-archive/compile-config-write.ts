import type { Model } from '../../models/model.js';
import { getMetric } from '../../metrics/index.js';
import { camelToSnake, mapKeys } from './compile-case.js';

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** `{ className, config }` (Neurite) as Keras's serialized object (`module`, `class_name`, snake_case config). */
function kerasObject(module: string, className: string, config: Record<string, unknown>): Record<string, unknown> {
  const snake = mapKeys(config, camelToSnake);
  for (const [key, value] of Object.entries(snake)) {
    if (isRecord(value) && typeof value.className === 'string') {
      snake[key] = kerasObject(`${module}.schedules`, value.className, (value.config ?? {}) as Record<string, unknown>);
    }
  }
  return { module, class_name: className, config: snake, registered_name: null };
}

/**
 * Keras 3's compile_config for a compiled model (optimizer, loss, metrics, loss weights), or null when
 * the model is not compiled or uses something Keras could not rebuild (a loss or metric given as a plain
 * function); the model itself saves either way.
 */
export function compileConfigOf(model: Model): Record<string, unknown> | null {
  const compiled = model.compiled;
  if (!compiled) return null;
  const { optimizer, outputs } = compiled;
  const losses: (Record<string, unknown> | null)[] = [];
  for (const out of outputs) {
    if (out.loss === null) losses.push(null);
    else if (out.loss.className === 'LossFunctionWrapper') return null;
    else losses.push(kerasObject('keras.losses', out.loss.className, out.loss.getConfig()));
  }
  const metrics: string[][] = [];
  for (const out of outputs) {
    const names: string[] = [];
    for (const { metric } of out.metrics) {
      try {
        getMetric(metric.name, { loss: out.loss ?? undefined });
      } catch {
        return null; // a function metric or a renamed one: no name Keras (or Neurite) could resolve
      }
      names.push(metric.name);
    }
    metrics.push(names);
  }
  const single = outputs.length === 1;
  const byName = <T>(values: T[]) => Object.fromEntries(outputs.map((o, i) => [o.name, values[i]]));
  const weights = outputs.map((o) => o.weight);
  return {
    optimizer: kerasObject('keras.optimizers', optimizer.className, optimizer.getConfig()),
    loss: single ? losses[0] : byName(losses),
    loss_weights: weights.every((w) => w === 1) ? null : single ? weights[0] : byName(weights),
    metrics: single ? metrics[0] : byName(metrics),
    weighted_metrics: null,
    run_eagerly: false,
    steps_per_execution: 1,
    jit_compile: false,
  };
}
