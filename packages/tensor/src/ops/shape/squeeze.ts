import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { normalizeAxes } from '../../util/shape.js';
import { convertToTensor } from '../convert.js';
import { reshape } from './reshape.js';
import { readOptions } from '../elementwise/options.js';

export interface SqueezeOptions {
  /** The size-1 axes to drop; every size-1 axis when left out. */
  axis?: number | number[];
}

/** Drops size-1 axes (a reshape: shares the buffer). Naming an axis whose size is not 1 is an error. */
export function squeeze(x: Tensor | TensorLike, options?: SqueezeOptions): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'squeeze');
    const { axis } = readOptions('squeeze', options, ['axis']);
    const axes = axis === undefined ? t.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : normalizeAxes('squeeze', axis, t.rank);
    const bad = axes.find((a) => t.shape[a] !== 1);
    if (bad !== undefined) {
      throw argumentError('squeeze', 'axis', `axes of size 1 (x has shape [${t.shape}], axis ${bad} has size ${t.shape[bad]})`, axis);
    }
    return reshape(t, t.shape.filter((_, i) => !axes.includes(i)));
  });
}
