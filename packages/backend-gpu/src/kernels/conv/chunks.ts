import type { TensorInfo } from '@neurite/tensor';
import type { GpuBackend } from '../../backend.js';
import { program } from '../../program.js';

/**
 * Filter gradients reduce over every output pixel of the batch. Done by one thread per filter element,
 * each thread would stream all of x and dy, so the reduction is split: the (batch, output row) rows are
 * cut into chunks, one pass writes each chunk's partial sums ([chunks, filter elements]; the threads of a
 * chunk share its slice of x and dy, which stays in cache), and a second pass adds the chunks in order.
 */

/** Elements of x and dy one chunk should touch, about a core's second-level cache. */
const CHUNK_ELEMENTS = 1 << 16;
/** At most this many partial sums in all (and so below 2^24, where float indices stay exact). */
const MAX_PARTIALS = 1 << 22;

/**
 * How many rows of `totalRows` each chunk takes: a divisor of totalRows (so every chunk has the same,
 * uniform, loop count) near CHUNK_ELEMENTS / rowElements, but few enough chunks for MAX_PARTIALS.
 */
export function chunkRows(totalRows: number, rowElements: number, outputs: number): number {
  const target = Math.max(1, Math.floor(CHUNK_ELEMENTS / Math.max(rowElements, 1)));
  const minRows = Math.ceil((totalRows * outputs) / MAX_PARTIALS);
  let best = Math.max(1, totalRows);
  for (let d = 1; d <= totalRows; d++) {
    if (totalRows % d !== 0 || d < minRows) continue;
    best = d;
    if (d >= target) break;
  }
  return best;
}

const sumChunks = program('Conv/sumChunks', `function (p, count, stride) {
  let i = this.thread.x;
  let sum = 0;
  for (let g = 0; g < count; g++) {
    sum += p[i];
    i += stride;
  }
  return sum;
}`);

/** Adds the `chunks` partial results [chunks, ...shape] in order into one tensor of `shape` (and frees them). */
export function addChunks(backend: GpuBackend, partials: TensorInfo, chunks: number, shape: number[]): TensorInfo {
  if (chunks === 1) return { dataId: partials.dataId, shape, dtype: 'float32' };
  const size = shape.reduce((a, b) => a * b, 1);
  const out = backend.run(sumChunks, [partials], [chunks, size], shape, 'float32');
  backend.disposeData(partials.dataId);
  return out;
}
