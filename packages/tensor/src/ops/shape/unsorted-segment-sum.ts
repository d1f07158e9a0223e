import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { TensorLike } from '../../types.js';
import { argumentError } from '../../util/errors.js';
import { convertToTensor } from '../convert.js';
import { toIndices } from './gather.js';

/**
 * Sums the rows of x (along axis 0) into `numSegments` rows: row i is added to row segmentIds[i]. An id
 * outside [0, numSegments) is an error. The gradient of gather.
 */
export function unsortedSegmentSum(x: Tensor | TensorLike, segmentIds: Tensor | TensorLike, numSegments: number): Tensor {
  return ENGINE.tidy(() => {
    const t = convertToTensor(x, 'x', 'unsortedSegmentSum');
    const ids = toIndices('unsortedSegmentSum', 'segmentIds', segmentIds);
    if (t.rank === 0) throw argumentError('unsortedSegmentSum', 'x', 'a tensor of rank at least 1', t);
    if (ids.rank !== 1 || ids.shape[0] !== t.shape[0]) {
      throw argumentError('unsortedSegmentSum', 'segmentIds', `of shape [${t.shape[0]}] (x has shape [${t.shape}])`, `[${ids.shape}]`);
    }
    if (!Number.isInteger(numSegments) || numSegments < 0) {
      throw argumentError('unsortedSegmentSum', 'numSegments', 'a non-negative integer', numSegments);
    }
    if (t.dtype === 'bool') throw argumentError('unsortedSegmentSum', 'x.dtype', "'float32' or 'int32'", t.dtype);
    return ENGINE.runKernel('UnsortedSegmentSum', [t, ids], { numSegments });
  });
}
