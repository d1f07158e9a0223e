import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { Shape } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import type { Seed } from '../../random/seed.js';
import { cast } from '../elementwise/cast.js';
import { less } from '../elementwise/index.js';
import { randomUniform } from './random-uniform.js';
import { checkOptions, checkSeed, checkShape } from './validate.js';

export interface BernoulliOptions {
  /** Probability of a 1 (default 0.5), in [0, 1]. */
  p?: number;
  /** An integer, a `SeedGenerator`, or nothing to draw from the global generator (see `setSeed`). */
  seed?: Seed;
}

/**
 * A float32 tensor of 0s and 1s (a mask, ready to multiply with), 1 with probability `p`. Element i is 1
 * exactly when randomUniform's element i (same seed) is < p, so p = 0 gives all 0s and p = 1 all 1s.
 */
export function bernoulli(shape: Shape, options: BernoulliOptions = {}): Tensor {
  return ENGINE.tidy(() => {
    const op = 'bernoulli';
    checkOptions(op, options, ['p', 'seed']);
    const { p = 0.5, seed } = options;
    const outShape = checkShape(op, shape);
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw argumentError(op, 'p', 'a number in [0, 1]', p);
    checkSeed(op, seed);
    return cast(less(randomUniform(outShape, { seed }), p), 'float32');
  });
}
