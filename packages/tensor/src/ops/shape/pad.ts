import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { convertToTensor } from '../convert.js';
import { reshape } from './reshape.js';
import { readOptions } from '../elementwise/options.js';

export interface PadOptions {
  /** The value of the new elements; 0 by default. */
  constantValue?: number;
}

/** Adds paddings[i] = [before, after] elements around axis i, filled with `constantValue`. */
export function pad(x: Tensor | TensorLike, paddings: [number, number][], options?: PadOptions): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'pad');
    const ok = Array.isArray(paddings) && paddings.length === t.rank &&
      paddings.every((p) => Array.isArray(p) && p.length === 2 && p.every((v) => Number.isInteger(v) && v >= 0));
    if (!ok) {
      throw argumentError('pad', 'paddings', `an array of ${t.rank} [before, after] pairs of non-negative integers (x has shape [${t.shape}])`, paddings);
    }
    const { constantValue = 0 } = readOptions('pad', options, ['constantValue']);
    if (typeof constantValue !== 'number') {
      throw argumentError('pad', 'constantValue', 'a number', constantValue);
    }
    if (t.dtype === 'int32' && !Number.isInteger(constantValue)) {
      throw argumentError('pad', 'constantValue', 'an integer for an int32 tensor', constantValue);
    }
    if (t.dtype === 'bool' && constantValue !== 0 && constantValue !== 1) {
      throw argumentError('pad', 'constantValue', '0 or 1 for a bool tensor', constantValue);
    }
    const copy = paddings.map(([a, b]) => [a, b] as [number, number]);
    if (copy.every(([a, b]) => a === 0 && b === 0)) return reshape(t, t.shape);
    return ENGINE.runKernel('Pad', [t], { paddings: copy, constantValue });
  });
}
