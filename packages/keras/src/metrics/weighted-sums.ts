import { broadcastTo, cast, mean, mul, stack, sum, type Tensor, type TensorLike } from '@neurite/tensor';
import { alignSampleWeight } from '../losses/reduction.js';

/**
 * One batch's contribution to a streaming mean, Keras's way: per-sample values (averaged over any axes
 * after the batch axis) times their weights, summed; and the summed weights (the batch size when
 * unweighted, 1 for a scalar value). Read back as plain numbers, so no tensor outlives the call.
 * Call inside tidy.
 */
export function weightedSums(owner: string, valuesIn: Tensor, sampleWeight?: Tensor | TensorLike | number): { total: number; count: number } {
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
  if (weights === undefined) return { total: sum(values).dataSync()[0], count: values.rank === 0 ? 1 : values.shape[0] };
  const sums = stack([sum(values), sum(weights)]).dataSync();
  return { total: sums[0], count: sums[1] };
}
