import { NeuriteError, Tensor, cast, expandDims, squeeze, tensor, type TensorLike } from '@neurite/tensor';
import { describeValue } from './argument-checks.js';

/** A loss or metric input as a tensor (arrays are converted); anything else is an error naming the argument. */
export function toTensor(owner: string, arg: string, value: Tensor | TensorLike): Tensor {
  if (value instanceof Tensor) {
    if (value.isDisposed) throw new NeuriteError(`${owner}: ${arg} was disposed. Received: ${arg}=${describeValue(value)}`);
    return value;
  }
  if (typeof value === 'number' || Array.isArray(value) || ArrayBuffer.isView(value)) return tensor(value);
  throw new NeuriteError(`${owner}: ${arg} must be a Tensor or an array. Received: ${arg}=${describeValue(value)}`);
}

/** As float32, rejecting bool (a bool target is nearly always a mistake in a loss). */
export function toFloat(owner: string, arg: string, t: Tensor): Tensor {
  if (t.dtype === 'bool') {
    throw new NeuriteError(`${owner}: ${arg} must be numeric (float32 or int32). Received: ${arg}=${describeValue(t)}`);
  }
  return cast(t, 'float32');
}

/**
 * Keras's rank alignment: when the ranks differ by one and the larger has a trailing 1, that axis is
 * squeezed (or the rank-1 tensor gets one, so [batch] meets [batch, 1]). Rank-1 pairs become [batch, 1]
 * so that each element counts as one sample (Keras would average a rank-1 batch into one scalar), unless
 * `expandRank1` is false (categorical losses: a rank-1 pair is one distribution).
 */
export function alignRanks(a: Tensor, b: Tensor, expandRank1 = true): [Tensor, Tensor] {
  if (a.rank === b.rank) return a.rank === 1 && expandRank1 ? [expandDims(a, { axis: -1 }), expandDims(b, { axis: -1 })] : [a, b];
  if (a.rank === b.rank + 1 && a.shape[a.rank - 1] === 1) {
    return b.rank === 1 ? [a, expandDims(b, { axis: -1 })] : [squeeze(a, { axis: [-1] }), b];
  }
  if (b.rank === a.rank + 1 && b.shape[b.rank - 1] === 1) {
    return a.rank === 1 ? [expandDims(a, { axis: -1 }), b] : [a, squeeze(b, { axis: [-1] })];
  }
  return [a, b];
}

/** Same shapes, else an error naming the owner and both shapes (as the caller passed them). */
export function assertSameShape(owner: string, yTrue: Tensor, yPred: Tensor, original: [Tensor, Tensor], hint = ''): void {
  const same = yTrue.rank === yPred.rank && yTrue.shape.every((d, i) => d === yPred.shape[i]);
  if (!same) {
    throw new NeuriteError(
      `${owner}: yTrue and yPred must have the same shape${hint}. Received: yTrue.shape=[${original[0].shape.join(',')}], yPred.shape=[${original[1].shape.join(',')}]`,
    );
  }
}

/** Converts, aligns ranks and checks that yTrue and yPred have one shape; both float32, rank >= 1. */
export function matchedPair(
  owner: string,
  yTrueIn: Tensor | TensorLike,
  yPredIn: Tensor | TensorLike,
  options: { expandRank1?: boolean; hint?: (yTrue: Tensor, yPred: Tensor) => string } = {},
): [Tensor, Tensor] {
  const yTrue = toFloat(owner, 'yTrue', toTensor(owner, 'yTrue', yTrueIn));
  const yPred = toFloat(owner, 'yPred', toTensor(owner, 'yPred', yPredIn));
  if (yPred.rank === 0 || yTrue.rank === 0) {
    throw new NeuriteError(
      `${owner}: yTrue and yPred must have rank >= 1 (a batch axis). Received: yTrue.shape=[${yTrue.shape.join(',')}], yPred.shape=[${yPred.shape.join(',')}]`,
    );
  }
  const [t, p] = alignRanks(yTrue, yPred, options.expandRank1 ?? true);
  assertSameShape(owner, t, p, [yTrue, yPred], options.hint?.(yTrue, yPred) ?? '');
  return [t, p];
}
