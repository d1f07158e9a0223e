import { ENGINE } from '../../engine/engine.js';
import type { RandomNormalAttrs } from '../../kernel-names.js';
import { resolveSeed, type Seed } from '../../random/seed.js';
import type { Tensor } from '../../tensor.js';
import type { Shape } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { checkFinite, checkOptions, checkSeed, checkShape } from './validate.js';

export interface RandomNormalOptions {
  /** Default 0. */
  mean?: number;
  /** Default 1; must be >= 0 (0 gives `mean` everywhere). */
  stddev?: number;
  /** An integer, a `SeedGenerator`, or nothing to draw from the global generator (see `setSeed`). */
  seed?: Seed;
}

/** Validates the options shared by `randomNormal` and `truncatedNormal` and resolves the seed last. */
export function normalAttrs(op: string, shape: Shape, options: RandomNormalOptions): RandomNormalAttrs {
  checkOptions(op, options, ['mean', 'stddev', 'seed']);
  const { mean = 0, stddev = 1, seed } = options;
  const outShape = checkShape(op, shape);
  checkFinite(op, 'mean', mean);
  checkFinite(op, 'stddev', stddev);
  if (stddev < 0) throw argumentError(op, 'stddev', '>= 0', stddev);
  checkSeed(op, seed);
  const { key, stream } = resolveSeed(op, seed);
  return { shape: outShape, mean, stddev, key: [...key], stream: [...stream] };
}

/**
 * Float32 normal values. Element i uses words 2i and 2i+1 of the seed's stream (substream 0, see
 * `randomWords`): mean + stddev * normalFromWords(word 2i, word 2i+1), rounded to float32 once.
 */
export function randomNormal(shape: Shape, options: RandomNormalOptions = {}): Tensor {
  return ENGINE.tidy(() => ENGINE.runKernel('RandomNormal', [], { ...normalAttrs('randomNormal', shape, options) }));
}
