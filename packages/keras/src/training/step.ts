import { Tensor, add, dispose, keep, mul, tidy, variableGrads } from '@neurite/tensor';
import type { LayerWeight } from '@neurite/layers';
import type { CompiledState } from './compile.js';
import { checkLossFits } from './loss-fit-check.js';
import { finiteCheck, isFiniteStep, pendingStep, readStep, readStepSync, type PendingStep, type StepValues } from './step-values.js';
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

/** What a train step reports: its numbers, and whether its update was applied (only when all are finite). */
export interface TrainStepResult extends StepValues {
  applied: boolean;
}

/** A train step computed up to its gradients: read its numbers, then `apply` or `discard` it. */
interface ComputedTrainStep {
  pending: PendingStep;
  apply(): void;
  discard(): void;
}

/**
 * The first half of Keras's train_step: forward pass with training on, loss with penalties, gradients of
 * the trainable weights. Nothing is updated yet except state that the forward pass itself moves (the
 * moving statistics of BatchNormalization), which `discard` puts back as it was.
 */
function computeTrainStep(owner: string, model: TrainableModel, compiled: CompiledState, xs: Tensor[], ys: Tensor[], sampleWeight: Tensor | null, checkShapes: boolean): ComputedTrainStep {
  const weights = model.trainableWeights;
  const frozen = model.nonTrainableWeights;
  const before = frozen.map((w) => keep(w.variable.clone()));
  let kept: Tensor[] = [];
  let preds: Tensor[] = [];
  let grads: Tensor[] = [];
  const release = () => dispose([...kept, ...grads, ...before].filter((t) => !t.isDisposed));
  try {
    const pending = tidy(() => {
      let perOutput: (Tensor | null)[] = [];
      const lossFn = (): Tensor => {
        preds = model.forward(xs, true);
        const parts = computeLoss(owner, model, compiled, ys, preds, sampleWeight, checkShapes);
        // Kept past the gradient's own scope, for the metrics and the per-output logs; freed by release.
        kept = [...preds, ...parts.perOutput.filter((t): t is Tensor => t !== null)].map((t) => keep(t));
        perOutput = parts.perOutput;
        return parts.total;
      };
      const moved = () => frozen.map((w) => w.variable as Tensor);
      if (weights.length === 0) {
        const total = lossFn();
        return pendingStep(total, perOutput, finiteCheck(moved()));
      }
      const { value, grads: byName } = variableGrads(lossFn, weights.map((w) => w.variable));
      grads = weights.map((w) => keep(byName[w.variable.name]));
      return pendingStep(value, perOutput, finiteCheck([...grads, ...moved()]));
    });
    return {
      pending,
      apply: () => {
        try {
          tidy(() => {
            if (weights.length > 0) {
              compiled.optimizer.applyGradients(weights.map((w, i) => [grads[i], w.variable] as const));
              applyConstraints(weights);
            }
            updateMetrics(compiled, ys, preds, sampleWeight);
          });
        } finally {
          release();
        }
      },
      discard: () => {
        try {
          frozen.forEach((w, i) => w.assign(before[i]));
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    frozen.forEach((w, i) => w.assign(before[i]));
    release();
    throw error;
  }
}

/**
 * One optimizer step (Keras's train_step), read with `await data()`: the update (optimizer, constraints,
 * metrics) is applied only when the loss and every gradient are finite, so a step that overflows leaves
 * the weights, the optimizer's state and the moving statistics as they were before it.
 */
export async function trainStep(owner: string, model: TrainableModel, compiled: CompiledState, xs: Tensor[], ys: Tensor[], sampleWeight: Tensor | null, checkShapes: boolean): Promise<TrainStepResult> {
  const step = computeTrainStep(owner, model, compiled, xs, ys, sampleWeight, checkShapes);
  let values: StepValues;
  try {
    values = await readStep(step.pending);
  } catch (error) {
    step.discard();
    throw error;
  }
  return settle(step, values);
}

/** `trainStep` read synchronously, for trainOnBatch (backends with `readSync` only). */
export function trainStepSync(owner: string, model: TrainableModel, compiled: CompiledState, xs: Tensor[], ys: Tensor[], sampleWeight: Tensor | null, checkShapes: boolean): TrainStepResult {
  const step = computeTrainStep(owner, model, compiled, xs, ys, sampleWeight, checkShapes);
  let values: StepValues;
  try {
    values = readStepSync(step.pending);
  } catch (error) {
    step.discard();
    throw error;
  }
  return settle(step, values);
}

function settle(step: ComputedTrainStep, values: StepValues): TrainStepResult {
  const applied = isFiniteStep(values);
  if (applied) step.apply();
  else step.discard();
  return { ...values, applied };
}

/** Why a step was not applied, for the error of fit and trainOnBatch. */
export function rejectedStepReason(step: StepValues): string {
  if (!Number.isFinite(step.loss)) return `the loss became ${step.loss}`;
  const bad = step.outputLosses.find((l) => l !== null && !Number.isFinite(l));
  if (bad !== undefined) return `an output's loss became ${bad}`;
  return `a gradient or a moving statistic (of BatchNormalization) became non-finite (the loss was ${step.loss})`;
}

/** One evaluation step (Keras's test_step): forward pass with training off, loss with penalties, metrics. Read it with `readStep`. */
export function testStep(owner: string, model: TrainableModel, compiled: CompiledState, xs: Tensor[], ys: Tensor[], checkShapes: boolean): PendingStep {
  return tidy(() => {
    const preds = model.forward(xs, false);
    const { total, perOutput } = computeLoss(owner, model, compiled, ys, preds, null, checkShapes);
    updateMetrics(compiled, ys, preds, null);
    return pendingStep(total, perOutput);
  });
}
