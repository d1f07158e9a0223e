import { broadcastTo, cast, mean, mul, reshape, stack, sum, type Tensor, type TensorLike } from '@neurite/tensor';
import { alignSampleWeight } from '../losses/reduction.js';

/**
 * One batch's contribution to a streaming mean, still on the backend. `sums` holds [total] when the
 * count is known on the host (`count`: the batch size, or 1 for a scalar value) and [total, count]
 * when the count is the sum of the weights (`count` null).
 */
export interface BatchSums {
  sums: Tensor;
  count: number | null;
}

/**
 * Keras's way: per-sample values (averaged over any axes after the batch axis) times their weights,
 * summed; and the summed weights (the batch size when unweighted, 1 for a scalar value). Call inside tidy.
 */
export function weightedSums(owner: string, valuesIn: Tensor, sampleWeight?: Tensor | TensorLike | number): BatchSums {
  let values = cast(valuesIn, 'float32');
  let weights: Tensor | undefined;
  if (sampleWeight !== undefined && sampleWeight !== null) {
    weights = broadcastTo(alignSampleWeight(owner, sampleWeight, values), values.shape);
    values = mul(values, weights);
  }
  if (values.rank > 1) {
    const trailing = Array.from({ length: values.rank - 1 }, (_, i) => i + 1);
    values = mean(values, { axis: trailing });
    if (weights !== undefined) weights = mean(weights, { axis: trailing });
  }
  if (weights === undefined) return { sums: reshape(sum(values), [1]), count: values.rank === 0 ? 1 : values.shape[0] };
  return { sums: stack([sum(values), sum(weights)]), count: null };
}

/** The host numbers of a batch's sums, once read (float32 values, added up in float64 by the caller). */
export function sumsFromValues(values: ArrayLike<number>, count: number | null): { total: number; count: number } {
  return { total: values[0], count: count ?? values[1] };
}
