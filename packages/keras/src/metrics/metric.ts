import type { Tensor } from '@neurite/tensor';

/**
 * A streaming metric: `updateState` with each batch, `result()` for the value so far, `resetState()`
 * at each epoch start. `name` is the key in logs and History (`accuracy`, `mse`, …).
 */
export interface MetricLike {
  readonly name: string;
  updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void;
  result(): number;
  resetState(): void;
}
