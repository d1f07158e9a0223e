import type { Tensor } from '@neurite/tensor';

/**
 * A loss as the trainer uses it: `yTrue` and `yPred` of matching shapes (sparse losses: integer labels),
 * optional per-sample weights of shape [batch]; returns a float32 scalar, the mean over the batch of the
 * per-sample losses (Keras's default reduction 'sum_over_batch_size').
 */
export interface LossLike {
  readonly name: string;
  readonly className: string;
  call(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): Tensor;
  getConfig(): Record<string, unknown>;
}
