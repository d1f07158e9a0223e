import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { convertToTensor } from '../convert.js';
import { reshape } from './reshape.js';

/** Repeats x reps[i] times along axis i (reps has one entry per axis). */
export function tile(x: Tensor | TensorLike, reps: number[]): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'tile');
    if (!Array.isArray(reps) || reps.length !== t.rank || reps.some((r) => !Number.isInteger(r) || r < 0)) {
      throw argumentError('tile', 'reps', `an array of ${t.rank} non-negative integers (x has shape [${t.shape}])`, reps);
    }
    if (reps.every((r) => r === 1)) return reshape(t, t.shape);
    return ENGINE.runKernel('Tile', [t], { reps: [...reps] });
  });
}
