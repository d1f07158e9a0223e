import { NeuriteError, Tensor, add, div, dispose, mul, sqrt, sub, tidy, describeValue } from '@neurite/tensor';

/** What `monteCarloPredict` returns: the elementwise mean and standard deviation of the n predictions. */
export interface MonteCarloResult {
  mean: Tensor;
  /** Population standard deviation (divides by n), so n = 1 gives zeros. */
  std: Tensor;
}

/**
 * Monte-Carlo dropout (Gal & Ghahramani 2016): runs `fn` n times with `training: true`, so every dropout
 * and noise layer draws a new mask, and returns the elementwise mean and standard deviation of the
 * outputs. Each output is disposed once it is folded in (Welford's update, so only two running tensors
 * are alive); the caller owns `mean` and `std`.
 *
 * ```ts
 * const { mean, std } = monteCarloPredict(({ training }) => model.apply(x, { training }), 100);
 * ```
 */
export function monteCarloPredict(fn: (options: { training: boolean }) => Tensor, n: number): MonteCarloResult {
  if (typeof fn !== 'function') throw fnError(fn, n);
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    throw new NeuriteError(`monteCarloPredict: n must be a positive integer. Received: n=${describeValue(n)}`);
  }
  let mean: Tensor | null = null;
  let m2: Tensor | null = null; // sum of squared deviations from the running mean
  try {
    for (let k = 1; k <= n; k++) {
      const [nextMean, nextM2]: Tensor[] = tidy(() => {
        const y = fn({ training: true });
        if (!(y instanceof Tensor)) {
          throw new NeuriteError(`monteCarloPredict: fn must return a Tensor. Received: ${describeValue(y)} at call ${k}`);
        }
        if (mean === null || m2 === null) return [y.clone(), mul(y, 0)];
        if (y.shape.length !== mean.shape.length || y.shape.some((d, i) => d !== mean!.shape[i])) {
          throw new NeuriteError(
            `monteCarloPredict: fn must return tensors of one shape; call 1 gave [${mean.shape.join(', ')}], ` +
              `call ${k} gave [${y.shape.join(', ')}]`,
          );
        }
        const delta = sub(y, mean);
        const updated = add(mean, div(delta, k));
        return [updated, add(m2, mul(delta, sub(y, updated)))];
      });
      dispose([mean, m2].filter((t): t is Tensor => t !== null));
      mean = nextMean;
      m2 = nextM2;
    }
    const std = tidy(() => sqrt(div(m2 as Tensor, n)));
    m2?.dispose();
    return { mean: mean as Tensor, std };
  } catch (error) {
    dispose([mean, m2].filter((t): t is Tensor => t !== null));
    throw error;
  }
}

/** Says what `fn` should be, for the usual mistakes: the arguments swapped, or a model or tensor passed. */
function fnError(fn: unknown, n: unknown): NeuriteError {
  const expected = 'monteCarloPredict(fn, n): fn must be a function of { training } that returns a Tensor, ' +
    'such as ({ training }) => model.apply(x, { training })';
  if (typeof n === 'function') {
    return new NeuriteError(`${expected}; the arguments are swapped. Received: fn=${describeValue(fn)}, n=${describeValue(n)}`);
  }
  const isModelLike = fn !== null && typeof fn === 'object' && typeof (fn as { apply?: unknown }).apply === 'function';
  const hint = isModelLike ? '; a model or layer is not called for you, wrap it in such a function' : '';
  return new NeuriteError(`${expected}${hint}. Received: fn=${describeValue(fn)}`);
}
