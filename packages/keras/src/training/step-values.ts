import { add, cast, concat, dispose, reshape, slice, sum, type Tensor, type TypedArray } from '@neurite/tensor';

/** The numbers one step reports: the total loss (with penalties) and each output's own loss. */
export interface StepValues {
  loss: number;
  outputLosses: (number | null)[];
  /**
   * False when a gradient of the step, or state its forward pass moved (BatchNormalization's moving
   * statistics), held NaN or ±Infinity; true for a step that checks neither (evaluation).
   */
  updateFinite: boolean;
}

/**
 * A step's losses still on the backend, as one vector [total, each output's loss that exists, the
 * update's finiteness check when there is one], so a step costs a single read. `hasLoss[i]` says whether output i
 * has a loss (a slot in the vector).
 */
export interface PendingStep {
  values: Tensor;
  hasLoss: boolean[];
  hasCheck: boolean;
}

/**
 * One number that is finite exactly when all of `tensors` are: Σ sum(t). NaN and ±Infinity survive
 * every sum; a finite sum can overflow float32 only for values near 1e38, which an update should not
 * take either. One read-only pass over each tensor (the cheapest check there is).
 */
export function finiteCheck(tensors: Tensor[]): Tensor | null {
  if (tensors.length === 0) return null;
  return tensors.map((t) => sum(t)).reduce((a, b) => add(a, b));
}

/** The first value of a loss (a scalar in practice) as a float32 [1], the value a step reports. */
function firstValue(t: Tensor): Tensor {
  const flat = reshape(t.dtype === 'float32' ? t : cast(t, 'float32'), [t.size]);
  return t.size === 1 ? flat : slice(flat, [0], [1]);
}

/** Packs a step's loss tensors into one vector. Call inside tidy (the vector is returned from it). */
export function pendingStep(total: Tensor, perOutput: (Tensor | null)[], check: Tensor | null = null): PendingStep {
  const parts = [total, ...perOutput.filter((t): t is Tensor => t !== null), ...(check ? [check] : [])].map(firstValue);
  return { values: concat(parts, { axis: 0 }), hasLoss: perOutput.map((t) => t !== null), hasCheck: check !== null };
}

/** Whether a step's numbers are all finite: its losses and its gradients. */
export function isFiniteStep(step: StepValues): boolean {
  return step.updateFinite && Number.isFinite(step.loss) && step.outputLosses.every((l) => l === null || Number.isFinite(l));
}

function toStepValues(values: TypedArray, step: PendingStep): StepValues {
  let next = 1;
  const outputLosses = step.hasLoss.map((has) => (has ? values[next++] : null));
  const updateFinite = !step.hasCheck || Number.isFinite(values[next]);
  return { loss: values[0], outputLosses, updateFinite };
}

/** Reads a step's losses with `await data()` (every backend, WebGPU included) and frees them. */
export async function readStep(step: PendingStep): Promise<StepValues> {
  try {
    return toStepValues(await step.values.data(), step);
  } finally {
    dispose(step.values);
  }
}

/** Reads a step's losses synchronously (backends with `readSync` only) and frees them. */
export function readStepSync(step: PendingStep): StepValues {
  try {
    return toStepValues(step.values.dataSync(), step);
  } finally {
    dispose(step.values);
  }
}
