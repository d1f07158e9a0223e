import { ENGINE } from '../../engine/engine.js';
import type { Tensor } from '../../tensor.js';
import type { Shape, TensorLike } from '../../types.js';
import { NeuriteError, argumentError } from '../../util/errors.js';
import { checkKeys } from '../../util/options.js';
import { broadcastShapes, shapesEqual, sizeFromShape } from '../../util/shape.js';
import { convertToTensor } from '../convert.js';
import { broadcastTo } from '../shape/broadcast-to.js';
import { reshape } from '../shape/reshape.js';

export interface MatMulOptions {
  /** Use the transpose of a's last two axes. */
  transposeA?: boolean;
  /** Use the transpose of b's last two axes. */
  transposeB?: boolean;
}

/**
 * Matrix product over the last two axes, batched over the leading axes with NumPy broadcasting of the
 * batch axes: a [..., m, k] times b [..., k, n] gives [..., m, n]. Both inputs need rank >= 2 (a vector
 * must be reshaped to [1, k] or [k, 1] first: unlike NumPy, no axis is added or dropped implicitly).
 */
export function matMul(a: Tensor | TensorLike, b: Tensor | TensorLike, options: MatMulOptions = {}): Tensor {
  return ENGINE.tidy(() => {
    const { a3, b3, outShape, transposeA, transposeB } = matMulOperands('matMul', a, b, options);
    return reshape(ENGINE.runKernel('BatchMatMul', [a3, b3], { transposeA, transposeB }), outShape);
  });
}

/** matMul's checked operands, brought to the rank-3 form the kernels take, and the result's shape. */
export function matMulOperands(op: string, a: Tensor | TensorLike, b: Tensor | TensorLike, options: MatMulOptions) {
  if (options === null || typeof options !== 'object') throw argumentError(op, 'options', 'an object', options);
  checkKeys(op, options, ['transposeA', 'transposeB']);
  const { transposeA = false, transposeB = false } = options;
  if (typeof transposeA !== 'boolean') throw argumentError(op, 'transposeA', 'a boolean', transposeA);
  if (typeof transposeB !== 'boolean') throw argumentError(op, 'transposeB', 'a boolean', transposeB);
  const x = convertToTensor(a, 'a', op, 'float32');
  const y = convertToTensor(b, 'b', op, 'float32');
  if (x.rank < 2) throw argumentError(op, 'a', 'of rank 2 or more (reshape a vector to [1, k] or [k, 1])', `a tensor of shape [${x.shape}]`);
  if (y.rank < 2) throw argumentError(op, 'b', 'of rank 2 or more (reshape a vector to [1, k] or [k, 1])', `a tensor of shape [${y.shape}]`);

  const [aRows, aCols] = x.shape.slice(-2);
  const [bRows, bCols] = y.shape.slice(-2);
  const m = transposeA ? aCols : aRows;
  const k = transposeA ? aRows : aCols;
  const kB = transposeB ? bCols : bRows;
  const n = transposeB ? bRows : bCols;
  if (k !== kB) {
    throw new NeuriteError(
      `${op}: inner dimensions must match: a of shape [${x.shape}] (transposeA=${transposeA}) gives k=${k}, ` +
        `b of shape [${y.shape}] (transposeB=${transposeB}) gives k=${kB}`,
    );
  }
  const batchA = x.shape.slice(0, -2);
  const batchB = y.shape.slice(0, -2);
  const batch = broadcastShapes(op, batchA, batchB);
  const batchSize = sizeFromShape(batch);
  return {
    a3: toRank3(x, batchA, batch, batchSize),
    b3: toRank3(y, batchB, batch, batchSize),
    outShape: [...batch, m, n],
    transposeA,
    transposeB,
  };
}

/**
 * Brings an operand to [batch, rows, cols] where batch is the full batch size or 1, broadcasting only
 * when the kernel cannot do it (some but not all batch axes are broadcast).
 */
function toRank3(t: Tensor, ownBatch: Shape, batch: Shape, batchSize: number): Tensor {
  const [rows, cols] = t.shape.slice(-2);
  const own = sizeFromShape(ownBatch);
  const padded = [...new Array<number>(batch.length - ownBatch.length).fill(1), ...ownBatch];
  if (own === 1) return reshape(t, [1, rows, cols]);
  if (shapesEqual(padded, batch)) return reshape(t, [batchSize, rows, cols]);
  return reshape(broadcastTo(t, [...batch, rows, cols]), [batchSize, rows, cols]);
}
