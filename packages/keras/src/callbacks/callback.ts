/** Numbers reported to callbacks: `loss`, metric names, and `val_`-prefixed versions of both. */
export type Logs = Record<string, number>;

/** What callbacks see of the model being trained. */
export interface TrainingModel {
  /** Set to true to stop `fit` after the current batch (EarlyStopping, TerminateOnNaN). */
  stopTraining: boolean;
  getWeights(): import('@neurite/tensor').Tensor[];
  setWeights(weights: import('@neurite/tensor').Tensor[]): void;
  /** The optimizer, for callbacks that change its learning rate (ReduceLROnPlateau). */
  readonly optimizer: unknown;
}

export interface TrainParams {
  epochs: number;
  /** Batches per epoch. */
  steps: number;
  samples: number;
  batchSize: number;
  verbose: 0 | 1 | 2;
  /** Metric names as they appear in logs (with and without `val_`). */
  metrics: string[];
}

/** Base class of callbacks; every hook is optional and may be async. */
export abstract class Callback {
  model: TrainingModel | null = null;
  params: TrainParams | null = null;

  setModel(model: TrainingModel): void {
    this.model = model;
  }

  setParams(params: TrainParams): void {
    this.params = params;
  }

  onTrainBegin(_logs?: Logs): void | Promise<void> {}
  onTrainEnd(_logs?: Logs): void | Promise<void> {}
  onEpochBegin(_epoch: number, _logs?: Logs): void | Promise<void> {}
  onEpochEnd(_epoch: number, _logs?: Logs): void | Promise<void> {}
  onTrainBatchBegin(_batch: number, _logs?: Logs): void | Promise<void> {}
  onTrainBatchEnd(_batch: number, _logs?: Logs): void | Promise<void> {}
  onTestBegin(_logs?: Logs): void | Promise<void> {}
  onTestEnd(_logs?: Logs): void | Promise<void> {}
  onPredictBegin(_logs?: Logs): void | Promise<void> {}
  onPredictEnd(_logs?: Logs): void | Promise<void> {}
}
