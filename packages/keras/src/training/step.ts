import { Tensor, add, dispose, keep, mul, tidy, variableGrads } from '@neurite/tensor';
import type { LayerWeight } from '@neurite/layers';
import type { CompiledState } from './compile.js';
import { checkLossFits } from './loss-fit-check.js';
import { pendingStep, type PendingStep } from './step-values.js';
import type { TrainableModel } from './trainable-model.js';

interface LossParts {
  total: Tensor;
  perOutput: (Tensor | null)[];
}

/** Keras 3's total: Σ lossWeight · loss(y, ŷ) over outputs, plus every regularization penalty of the pass. */
function computeLoss(owner: string, model: TrainableModel, compiled: CompiledState, ys: Tensor[], preds: Tensor[], sampleWeight: Tensor | null, checkShapes: boolean): LossParts {
  let total: Tensor | null = null;
  const perOutput = compiled.outputs.map((out, i) => {
    if (!out.loss) return null;
    if (checkShapes) checkLossFits(owner, out.loss, out.name, ys[i].shape, preds[i].shape);
    const value = out.loss.call(ys[i], preds[i], sampleWeight ?? undefined);
    const weighted = out.weight === 1 ? value : mul(value, out.weight);
    total = total === null ? weighted : add(total, weighted);
    return value;
  });
  for (const penalty of model.losses) total = total === null ? penalty : add(total, penalty);
  return { total: total as unknown as Tensor, perOutput };
}

/** Projects each weight that has a constraint back into its allowed set (after the optimizer's update). */
function applyConstraints(weights: LayerWeight[]): void {
  for (const w of weights) {
    const constraint = w.constraint;
    if (constraint) w.assign(tidy(() => constraint.apply(w.variable)));
  }
}

function updateMetrics(compiled: CompiledState, ys: Tensor[], preds: Tensor[], sampleWeight: Tensor | null): void {
  compiled.outputs.forEach((out, i) => {
    for (const { metric } of out.metrics) tidy(() => metric.updateState(ys[i], preds[i], sampleWeight ?? undefined));
  });
}

/**
 * One optimizer step (Keras's train_step): forward pass with training on, loss with penalties, gradients
 * of the trainable weights, optimizer update, constraints, metric updates. Every tensor it makes is freed
 * except the returned losses, which the caller reads (and so frees) with `readStep` / `readStepSync`.
 */
export function trainStep(owner: string, model: TrainableModel, compiled: CompiledState, xs: Tensor[], ys: Tensor[], sampleWeight: Tensor | null, checkShapes: boolean): PendingStep {
  const weights = model.trainableWeights;
  let kept: Tensor[] = [];
  try {
    return tidy(() => {
      let preds: Tensor[] = [];
      let perOutput: (Tensor | null)[] = [];
      const lossFn = (): Tensor => {
        preds = model.forward(xs, true);
        const parts = computeLoss(owner, model, compiled, ys, preds, sampleWeight, checkShapes);
        // Kept past the gradient's own scope, for the metrics and the per-output logs; freed in `finally`.
        kept = [...preds, ...parts.perOutput.filter((t): t is Tensor => t !== null)].map((t) => keep(t));
        perOutput = parts.perOutput;
        return parts.total;
      };
      let total: Tensor;
      if (weights.length > 0) {
        const { value, grads } = variableGrads(lossFn, weights.map((w) => w.variable));
        total = value;
        compiled.optimizer.applyGradients(weights.map((w) => [grads[w.variable.name], w.variable] as const));
        applyConstraints(weights);
      } else {
        total = lossFn();
      }
      updateMetrics(compiled, ys, preds, sampleWeight);
      return pendingStep(total, perOutput);
    });
  } finally {
    dispose(kept.filter((t) => !t.isDisposed));
  }
}

/** One evaluation step (Keras's test_step): forward pass with training off, loss with penalties, metrics. */
export function testStep(owner: string, model: TrainableModel, compiled: CompiledState, xs: Tensor[], ys: Tensor[], checkShapes: boolean): PendingStep {
  return tidy(() => {
    const preds = model.forward(xs, false);
    const { total, perOutput } = computeLoss(owner, model, compiled, ys, preds, null, checkShapes);
    updateMetrics(compiled, ys, preds, null);
    return pendingStep(total, perOutput);
  });
}
