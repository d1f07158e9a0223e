import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { normalizeAxis, reducedShape } from '../../util/shape.js';
import { convertToTensor } from '../convert.js';
import { max } from '../reduction/max.js';
import { assertNonEmptyAxes, parseReduceOptions, type ReduceOptions } from '../reduction/reduce-options.js';
import { sum } from '../reduction/sum.js';
import { reshape } from '../shape/reshape.js';
import { add, div, sub } from './arithmetic.js';
import { cast } from './cast.js';
import { less } from './compare.js';
import { readOptions } from './options.js';
import { abs, exp, log } from './unary.js';
import { where } from './where.js';

// softmax, logSoftmax and logSumExp are composites: x - max(x) keeps exp from overflowing, so logits of
// ±1e4 give finite results. They need no kernel or gradient of their own.

/**
 * x - max(x) over `axes` (kept as size 1). The max is a constant to autodiff: every result here is
 * invariant to the shift, so its gradient would cancel anyway. A non-finite max (a row of ±Infinity)
 * shifts by 0, so that -Infinity - -Infinity never makes a NaN.
 */
function shiftByMax(x: Tensor, axes: number[]): { shifted: Tensor; shift: Tensor } {
  const shift = ENGINE.withoutRecording(() => {
    const m = max(x, { axis: axes, keepDims: true });
    return where(less(abs(m), Infinity), m, 0);
  });
  return { shifted: sub(x, shift), shift };
}

export interface SoftmaxOptions {
  /** The axis to normalise over (negative counts from the end); -1 by default. */
  axis?: number;
}

function softmaxInput(op: string, x: Tensor | TensorLike, options: SoftmaxOptions | undefined): { t: Tensor; axis: number } {
  const t = convertToTensor(x, 'x', op);
  const { axis = -1 } = readOptions(op, options, ['axis']);
  if (t.rank === 0) throw argumentError(op, 'x', 'a tensor of rank at least 1', t);
  if (typeof axis !== 'number') throw argumentError(op, 'axis', 'an integer', axis);
  const a = normalizeAxis(op, axis, t.rank);
  assertNonEmptyAxes(op, t, [a]);
  return { t: cast(t, 'float32'), axis: a };
}

/** exp(x) / sum(exp(x)) along `axis`, float32. */
export function softmax(x: Tensor | TensorLike, options?: SoftmaxOptions): Tensor {
  return ENGINE.tidy(() => {
    const { t, axis } = softmaxInput('softmax', x, options);
    const e = exp(shiftByMax(t, [axis]).shifted);
    return div(e, sum(e, { axis, keepDims: true }));
  });
}

/** log(softmax(x)) along `axis`, float32, without the underflow of taking the log of a softmax. */
export function logSoftmax(x: Tensor | TensorLike, options?: SoftmaxOptions): Tensor {
  return ENGINE.tidy(() => {
    const { t, axis } = softmaxInput('logSoftmax', x, options);
    const z = shiftByMax(t, [axis]).shifted;
    return sub(z, log(sum(exp(z), { axis, keepDims: true })));
  });
}

/** log(sum(exp(x))) over `axis` (all axes by default), float32, stable for large |x|. */
export function logSumExp(x: Tensor | TensorLike, options?: ReduceOptions): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'logSumExp');
    readOptions('logSumExp', options, ['axis', 'keepDims']);
    const { axes, keepDims } = parseReduceOptions('logSumExp', t, options);
    assertNonEmptyAxes('logSumExp', t, axes);
    const f = cast(t, 'float32');
    const { shifted, shift } = shiftByMax(f, axes);
    const kept = add(log(sum(exp(shifted), { axis: axes, keepDims: true })), shift);
    return keepDims ? kept : reshape(kept, reducedShape(t.shape, axes, false));
  });
}

