import type { Tensor } from '@neurite/tensor';
import type { LayerWeight } from '@neurite/layers';
import type { TrainingModel } from '../callbacks/callback.js';
import type { CompiledState } from './compile.js';

/** What the training loop needs of a model (Model implements it). */
export interface TrainableModel extends TrainingModel {
  readonly name: string;
  compiled: CompiledState | null;
  readonly inputNames: string[];
  readonly outputNames: string[];
  readonly trainableWeights: LayerWeight[];
  /** State the forward pass may move (BatchNormalization's moving statistics), restored when a step is refused. */
  readonly nonTrainableWeights: LayerWeight[];
  /** Regularization penalties of the last forward pass (the caller owns the tensors). */
  readonly losses: Tensor[];
  /** Runs the model on one tensor per input; one tensor per output. */
  forward(inputs: Tensor[], training: boolean): Tensor[];
  /** Builds a deferred model from the data's shapes (creating its weights) before the first step. */
  ensureBuilt(inputs: Tensor[]): void;
}
