import { cast, concat, dispose, reshape, slice, type Tensor, type TypedArray } from '@neurite/tensor';

/** The numbers one step reports: the total loss (with penalties) and each output's own loss. */
export interface StepValues {
  loss: number;
  outputLosses: (number | null)[];
}

/**
 * A step's losses still on the backend, as one vector [total, each output's loss that exists], so a
 * step costs a single read. `hasLoss[i]` says whether output i has a loss (a slot in the vector).
 */
export interface PendingStep {
  values: Tensor;
  hasLoss: boolean[];
}

/** The first value of a loss (a scalar in practice) as a float32 [1], the value a step reports. */
function firstValue(t: Tensor): Tensor {
  const flat = reshape(t.dtype === 'float32' ? t : cast(t, 'float32'), [t.size]);
  return t.size === 1 ? flat : slice(flat, [0], [1]);
}

/** Packs a step's loss tensors into one vector. Call inside tidy (the vector is returned from it). */
export function pendingStep(total: Tensor, perOutput: (Tensor | null)[]): PendingStep {
  const parts = [total, ...perOutput.filter((t): t is Tensor => t !== null)].map(firstValue);
  return { values: concat(parts, { axis: 0 }), hasLoss: perOutput.map((t) => t !== null) };
}

function toStepValues(values: TypedArray, hasLoss: boolean[]): StepValues {
  let next = 1;
  return { loss: values[0], outputLosses: hasLoss.map((has) => (has ? values[next++] : null)) };
}

/** Reads a step's losses with `await data()` (every backend, WebGPU included) and frees them. */
export async function readStep(step: PendingStep): Promise<StepValues> {
  try {
    return toStepValues(await step.values.data(), step.hasLoss);
  } finally {
    dispose(step.values);
  }
}

/** Reads a step's losses synchronously (backends with `readSync` only) and frees them. */
export function readStepSync(step: PendingStep): StepValues {
  try {
    return toStepValues(step.values.dataSync(), step.hasLoss);
  } finally {
    dispose(step.values);
  }
}
