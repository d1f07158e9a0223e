import { computeStrides, type TypedArray } from '@neurite/tensor';

/**
 * A strided window over a row-major array of `shape`: element j of axis i sits at begin[i] + j *
 * strides[i]. `copyWindow` walks the window's elements in row-major order and, for each, copies between
 * the dense array `dense` (holding the window's elements in order) and the big array `full`:
 * 'gather' reads full into dense (Slice, StridedSlice), 'scatter' writes dense into full (Pad, Concat,
 * StridedSliceGrad).
 *
 * Trailing axes taken whole with stride 1 are merged with the last partial axis into one contiguous run,
 * so a slice of rows or a concat along axis 0 copies a few long runs instead of many single elements.
 */
export function copyWindow(
  mode: 'gather' | 'scatter',
  full: TypedArray,
  shape: readonly number[],
  begin: readonly number[],
  strides: readonly number[],
  size: readonly number[],
  dense: TypedArray,
): void {
  const rank = shape.length;
  let total = 1;
  for (const s of size) total *= s;
  if (total === 0) return;
  const fullStrides = computeStrides(shape);
  // axes [tail, rank) are whole and contiguous: one block of `block` elements
  let tail = rank;
  let block = 1;
  while (tail > 0 && strides[tail - 1] === 1 && begin[tail - 1] === 0 && size[tail - 1] === shape[tail - 1]) {
    tail--;
    block *= shape[tail];
  }
  let offset = 0;
  for (let i = 0; i < rank; i++) offset += begin[i] * fullStrides[i];
  // the axis before the whole ones joins the run when it has stride 1
  let loopAxes = tail;
  let run = block;
  if (tail > 0 && strides[tail - 1] === 1) {
    loopAxes = tail - 1;
    run = size[tail - 1] * block;
  }
  const gather = mode === 'gather';
  if (loopAxes === 0) {
    copyRun(gather, full, offset, dense, 0, run);
    return;
  }
  // innermost looped axis in a tight loop; the ones outside it on an odometer
  const inner = loopAxes - 1;
  const innerCount = size[inner];
  const innerStep = strides[inner] * fullStrides[inner];
  const steps = new Array<number>(inner);
  for (let i = 0; i < inner; i++) steps[i] = strides[i] * fullStrides[i];
  const coord = new Array<number>(inner).fill(0);
  const rows = total / (innerCount * run);
  let d = 0;
  for (let r = 0; r < rows; r++) {
    let f = offset;
    for (let j = 0; j < innerCount; j++, f += innerStep, d += run) copyRun(gather, full, f, dense, d, run);
    for (let i = inner - 1; i >= 0; i--) {
      offset += steps[i];
      if (++coord[i] < size[i]) break;
      offset -= steps[i] * coord[i];
      coord[i] = 0;
    }
  }
}

function copyRun(gather: boolean, full: TypedArray, f: number, dense: TypedArray, d: number, n: number): void {
  if (n === 1) {
    if (gather) dense[d] = full[f];
    else full[f] = dense[d];
  } else if (n < 32) {
    if (gather) for (let k = 0; k < n; k++) dense[d + k] = full[f + k];
    else for (let k = 0; k < n; k++) full[f + k] = dense[d + k];
  } else if (gather) {
    dense.set(full.subarray(f, f + n), d);
  } else {
    full.set(dense.subarray(d, d + n), f);
  }
}
