import { ENGINE } from '../../engine/engine.js';
import type { RandomUniformAttrs } from '../../kernel-names.js';
import { resolveSeed, type Seed } from '../../random/seed.js';
import type { Tensor } from '../../tensor.js';
import type { Shape } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { checkFinite, checkOptions, checkSeed, checkShape } from './validate.js';

export interface RandomUniformOptions {
  /** Lower bound, included (default 0). */
  min?: number;
  /** Upper bound, excluded (default 1). */
  max?: number;
  /** 'float32' (default) or 'int32'; int32 bounds must be integers in the int32 range. */
  dtype?: 'float32' | 'int32';
  /** An integer, a `SeedGenerator`, or nothing to draw from the global generator (see `setSeed`). */
  seed?: Seed;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * Uniform values in [min, max). Element i is a pure function of word i of the seed's stream (substream
 * 0, see `randomWords`): with u = uniformFromWord(word i),
 * - float32: min + u * (max - min), rounded to float32 once; a value that rounds up to `max` becomes the
 *   largest float32 below `max`, so `max` is never returned;
 * - int32: floor(min + u * (max - min)). u has 24 bits, so ranges wider than 2^24 reach only some integers.
 */
export function randomUniform(shape: Shape, options: RandomUniformOptions = {}): Tensor {
  return ENGINE.tidy(() => {
    const op = 'randomUniform';
    checkOptions(op, options, ['min', 'max', 'dtype', 'seed']);
    const { min = 0, max = 1, dtype = 'float32', seed } = options;
    const outShape = checkShape(op, shape);
    if (dtype !== 'float32' && dtype !== 'int32') throw argumentError(op, 'dtype', "'float32' or 'int32'", dtype);
    checkFinite(op, 'min', min);
    checkFinite(op, 'max', max);
    if (dtype === 'int32') {
      for (const [arg, v] of [['min', min], ['max', max]] as const) {
        if (!Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX + 1) {
          throw argumentError(op, arg, `an integer in [${INT32_MIN}, ${INT32_MAX + 1}] for dtype 'int32'`, v);
        }
      }
    }
    if (!(min < max)) throw argumentError(op, 'max', `greater than min (${min})`, max);
    if (dtype === 'float32' && Math.fround(min) >= Math.fround(max)) {
      throw argumentError(op, 'max', `greater than min (${min}) in float32`, max);
    }
    checkSeed(op, seed);
    const { key, stream } = resolveSeed(op, seed);
    const attrs: RandomUniformAttrs = { shape: outShape, dtype, min, max, key: [...key], stream: [...stream] };
    return ENGINE.runKernel('RandomUniform', [], { ...attrs });
  });
}
