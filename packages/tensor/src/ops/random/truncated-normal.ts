import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { Shape } from '../../types.js';
import { normalAttrs, type RandomNormalOptions } from './random-normal.js';

/**
 * Float32 normal values with every value more than 2 stddev from the mean redrawn (Keras semantics), so
 * all values lie in [mean - 2 stddev, mean + 2 stddev]. Redraws are counter-based, so element i is still a
 * pure function of (key, stream, i): attempt a (0, 1, 2, ...) computes z = normalFromWords(word 2i,
 * word 2i+1) of substream a (see `randomWords`); the first z with |z| <= 2 gives mean + stddev * z.
 */
export function truncatedNormal(shape: Shape, options: RandomNormalOptions = {}): Tensor {
  return ENGINE.tidy(() => ENGINE.runKernel('TruncatedNormal', [], { ...normalAttrs('truncatedNormal', shape, options) }));
}
