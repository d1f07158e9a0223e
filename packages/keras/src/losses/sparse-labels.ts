import { NeuriteError, cast, squeeze, type Tensor, type TensorLike } from '@neurite/tensor';
import { canReadSync } from '../backend-reads.js';
import { describeValue } from './argument-checks.js';
import { toTensor } from './shapes.js';

/**
 * Integer class labels for a sparse loss or metric: int32 or float32 of shape yPred.shape[:-1], or that
 * with a trailing 1 (squeezed). Values are checked where the backend reads synchronously (labels are
 * small): each must be an integer in [0, numClasses), or `ignoreClass`. Returns int32 labels.
 */
export function sparseLabels(owner: string, yTrueIn: Tensor | TensorLike, yPred: Tensor, ignoreClass?: number): Tensor {
  const original = toTensor(owner, 'yTrue', yTrueIn);
  if (original.dtype === 'bool') {
    throw new NeuriteError(`${owner}: yTrue must hold integer class labels (int32 or float32). Received: yTrue=${describeValue(original)}`);
  }
  let labels = original;
  if (labels.rank === yPred.rank && labels.rank > 0 && labels.shape[labels.rank - 1] === 1) labels = squeeze(labels, { axis: [-1] });
  const expected = yPred.shape.slice(0, -1);
  const fits = yPred.rank >= 1 && labels.rank === expected.length && labels.shape.every((d, i) => d === expected[i]);
  if (!fits) {
    throw new NeuriteError(
      `${owner}: yTrue must hold one class label per sample, of shape [${expected.join(',')}] or [${[...expected, 1].join(',')}] for yPred of shape [${yPred.shape.join(',')}]. Received: yTrue.shape=[${original.shape.join(',')}], yPred.shape=[${yPred.shape.join(',')}]`,
    );
  }
  checkLabelValues(owner, labels, yPred.shape[yPred.rank - 1], ignoreClass);
  return cast(labels, 'int32');
}

/** The value check; skipped on backends that cannot read synchronously (a GPU backend mid-step). */
function checkLabelValues(owner: string, labels: Tensor, numClasses: number, ignoreClass: number | undefined): void {
  if (!canReadSync()) return;
  const values = labels.dataSync();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === ignoreClass) continue;
    if (!Number.isInteger(v) || v < 0 || v >= numClasses) {
      const ignored = ignoreClass === undefined ? '' : ` (or ignoreClass ${ignoreClass})`;
      throw new NeuriteError(
        `${owner}: yTrue must hold integer class labels in [0, ${numClasses})${ignored}. Received: yTrue[${i}]=${v}`,
      );
    }
  }
}
