import { NeuriteError, Tensor, div, mul, reshape, scalar, squeeze, sum, where, greater, type TensorLike } from '@neurite/tensor';
import { argumentError } from './argument-checks.js';
import { toFloat, toTensor } from './shapes.js';

/** How per-sample losses become one number: Keras's default mean ('sum_over_batch_size') or their sum. */
export type Reduction = 'sum_over_batch_size' | 'sum';
/** Every supported reduction, as listed in error messages. */
export const REDUCTIONS: readonly Reduction[] = ['sum_over_batch_size', 'sum'];

/**
 * Sample weights shaped to multiply `values`: a scalar, [batch], [batch, 1] or values' own shape (any
 * prefix of it, padded with trailing 1s, broadcasts over the remaining axes).
 */
export function alignSampleWeight(owner: string, weightIn: Tensor | TensorLike | number, values: Tensor): Tensor {
  const original = toTensor(owner, 'sampleWeight', weightIn as Tensor | TensorLike);
  let w = toFloat(owner, 'sampleWeight', original);
  if (w.rank === values.rank + 1 && w.shape[w.rank - 1] === 1) w = squeeze(w, { axis: [-1] });
  const fits = w.rank <= values.rank && w.shape.every((d, i) => d === 1 || d === values.shape[i]);
  if (!fits) {
    throw new NeuriteError(
      `${owner}: sampleWeight must be a scalar or have shape [${values.shape.join(',')}] (per sample), or a prefix of it. Received: sampleWeight.shape=[${original.shape.join(',')}]`,
    );
  }
  return w.rank === values.rank ? w : reshape(w, [...w.shape, ...new Array<number>(values.rank - w.rank).fill(1)]);
}

/**
 * Reduces per-sample losses to a scalar, Keras-style: sum(loss * weight) divided by the number of
 * loss values ('sum_over_batch_size'), or not divided ('sum'). A mask (ignored samples) takes those
 * samples out of both the sum and the count. An empty batch gives 0.
 */
export function reduceLosses(
  owner: string,
  losses: Tensor,
  reduction: Reduction,
  sampleWeight?: Tensor | TensorLike | number,
  mask?: Tensor,
): Tensor {
  let weighted = losses;
  if (sampleWeight !== undefined && sampleWeight !== null) weighted = mul(weighted, alignSampleWeight(owner, sampleWeight, losses));
  if (mask !== undefined) weighted = mul(weighted, mask);
  const total = sum(weighted);
  if (reduction === 'sum') return total;
  const count = mask !== undefined ? sum(mask) : scalar(losses.size);
  return div(total, where(greater(count, 0), count, 1));
}

/** A reduction name, else an error naming the owner. */
export function checkReduction(owner: string, value: unknown): Reduction {
  if (!REDUCTIONS.includes(value as Reduction)) throw argumentError(owner, 'reduction', `one of ${REDUCTIONS.map((r) => `'${r}'`).join(', ')}`, value);
  return value as Reduction;
}
