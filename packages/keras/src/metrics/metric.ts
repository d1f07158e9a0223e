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
  /**
   * Reads any updates still pending on an asynchronous backend (WebGPU), so `result()` can answer;
   * the trainer awaits it before building logs. Optional: metrics that read as they go need none.
   */
  settle?(): Promise<void>;
}
