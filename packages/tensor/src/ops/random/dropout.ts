import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { NeuriteError, argumentError, describe } from '../../util/errors.js';
import type { Seed } from '../../random/seed.js';
import { convertToTensor } from '../convert.js';
import { zeros } from '../creation.js';
import { cast } from '../elementwise/cast.js';
import { greaterEqual, mul } from '../elementwise/index.js';
import { reshape } from '../shape/reshape.js';
import { randomUniform } from './random-uniform.js';
import { checkOptions, checkSeed } from './validate.js';
import { resolveSeed } from '../../random/seed.js';
import { shapesEqual } from '../../util/shape.js';

export interface DropoutOptions {
  /**
   * The shape of the mask, broadcast over x (default: x's shape). Aligned with x's shape from the right;
   * a null entry takes x's dimension. `[batch, 1, channels]` on a `[batch, steps, channels]` input drops
   * whole channels for every step.
   */
  noiseShape?: readonly (number | null)[];
  /** An integer, a `SeedGenerator`, or nothing to draw from the global generator (see `setSeed`). */
  seed?: Seed;
  /**
   * 'inverted' (default): kept values are scaled by 1 / (1 - rate), so the expected value is unchanged and
   * inference needs no scaling. 'inference': kept values are left as they are (the caller scales at
   * inference time instead).
   */
  scaling?: 'inverted' | 'inference';
}

/**
 * The training-time dropout transform: each element (or each mask element, with `noiseShape`) is zeroed
 * with probability `rate`. An element is kept when randomUniform(noiseShape, { seed }) is >= rate there.
 * rate 0 returns x's values unchanged and rate 1 returns zeros (never NaN or Infinity); neither draws
 * random numbers, so they do not advance a SeedGenerator. The gradient is the mask times the scale.
 */
export function dropout(x: Tensor | TensorLike, rate: number, options: DropoutOptions = {}): Tensor {
  return ENGINE.tidy(() => {
    const op = 'dropout';
    const t = convertToTensor(x, 'x', op, 'float32');
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) throw argumentError(op, 'rate', 'a number in [0, 1]', rate);
    checkOptions(op, options, ['noiseShape', 'seed', 'scaling']);
    const { noiseShape, seed, scaling = 'inverted' } = options;
    if (scaling !== 'inverted' && scaling !== 'inference') {
      throw argumentError(op, 'scaling', "'inverted' or 'inference'", scaling);
    }
    const maskShape = resolveNoiseShape(t.shape, noiseShape);
    checkSeed(op, seed);
    if (rate === 0) return reshape(t, t.shape); // a new handle on the same values, so disposing it spares x
    if (rate === 1) return zeros(t.shape);
    if (shapesEqual(maskShape, t.shape) && ENGINE.hasKernel('Dropout')) {
      // one pass on backends that fuse it; the same bits as the composite below
      const { key, stream } = resolveSeed(op, seed);
      const attrs = { rate: Math.fround(rate), scale: dropoutScale(rate, scaling), key: [...key] as [number, number], stream: [...stream] as [number, number] };
      return ENGINE.runKernelMulti('Dropout', [t], attrs)[0];
    }
    const mask = cast(greaterEqual(randomUniform(maskShape, { seed }), rate), 'float32');
    return mul(t, scaling === 'inverted' ? mul(mask, 1 / (1 - rate)) : mask);
  });
}

/** What a kept element is multiplied by, as the float32 scalar the composite form multiplies by. */
function dropoutScale(rate: number, scaling: 'inverted' | 'inference'): number {
  return scaling === 'inverted' ? Math.fround(1 / (1 - rate)) : 1;
}

/** The mask shape: noiseShape with nulls filled in from x's shape, checked to broadcast to x's shape. */
function resolveNoiseShape(xShape: readonly number[], noiseShape: DropoutOptions['noiseShape']): number[] {
  if (noiseShape == null) return [...xShape];
  const valid =
    Array.isArray(noiseShape) &&
    noiseShape.every((d) => d === null || (Number.isInteger(d) && (d as number) >= 0));
  if (!valid) throw argumentError('dropout', 'noiseShape', 'an array of non-negative integers or nulls', noiseShape);
  const offset = xShape.length - noiseShape.length;
  const resolved = noiseShape.map((d, i) => (d === null && i + offset >= 0 ? xShape[i + offset] : d));
  const broadcasts =
    offset >= 0 && resolved.every((d, i) => d === 1 || d === xShape[i + offset]);
  if (!broadcasts) {
    throw new NeuriteError(
      `dropout: noiseShape ${describe(noiseShape)} must broadcast to the shape of x ${describe(xShape)} ` +
        '(same rank or lower, each entry 1, null or equal to x\'s dimension)',
    );
  }
  return resolved as number[];
}
