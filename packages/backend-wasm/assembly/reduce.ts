// Sum, Max and Min over the middle axis of x viewed as [outer, n, inner] (the host merges the reduced
// axes into one run first). float32 sums accumulate in float64, as the CPU backend's do; int32 sums wrap
// modulo 2^32. Max and Min propagate NaN. A unit of work is one output row (inner = 1) or one chunk of
// COLUMNS outputs, so each output is reduced by one thread in one fixed order.

export const SUM: i32 = 0;
export const MAX: i32 = 1;
export const MIN: i32 = 2;

/** Outputs per unit when inner > 1; the per-thread accumulator row is COLUMNS float64s. */
export const COLUMNS: i32 = 256;
/** Elements per partial sum of a whole-tensor float32 sum (fixed, so results do not depend on threads). */
export const PARTIAL: i32 = 65536;

@inline
function vecOp(mode: i32, isFloat: bool, a: v128, b: v128): v128 {
  if (isFloat) return mode == MAX ? f32x4.max(a, b) : mode == MIN ? f32x4.min(a, b) : f32x4.add(a, b);
  return mode == MAX ? i32x4.max_s(a, b) : mode == MIN ? i32x4.min_s(a, b) : i32x4.add(a, b);
}

@inline
function init(mode: i32, isFloat: bool): v128 {
  if (isFloat) return f32x4.splat(mode == MAX ? -Infinity : mode == MIN ? Infinity : 0);
  return i32x4.splat(mode == MAX ? i32.MIN_VALUE : mode == MIN ? i32.MAX_VALUE : 0);
}

/** Sum of n float32 at p, in float64: two lanes of float64 per half of each vector. */
@inline
function sumRowF64(p: usize, n: i32): f64 {
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(p + (<usize>i << 2));
    s0 = f64x2.add(s0, f64x2.promote_low_f32x4(v));
    s1 = f64x2.add(s1, f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3)));
  }
  const s = f64x2.add(s0, s1);
  let total = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; i < n; i++) total += <f64>load<f32>(p + (<usize>i << 2));
  return total;
}

/** Max, min or (int32) sum of a contiguous row of n values. */
@inline
function reduceRow(mode: i32, isFloat: bool, p: usize, n: i32): v128 {
  let acc = init(mode, isFloat);
  let i = 0;
  for (; i + 4 <= n; i += 4) acc = vecOp(mode, isFloat, acc, v128.load(p + (<usize>i << 2)));
  // fold the four lanes, then the tail
  acc = vecOp(mode, isFloat, acc, v128.shuffle<i32>(acc, acc, 2, 3, 0, 1));
  acc = vecOp(mode, isFloat, acc, v128.shuffle<i32>(acc, acc, 1, 0, 3, 2));
  for (; i < n; i++) acc = vecOp(mode, isFloat, acc, v128.load32_splat(p + (<usize>i << 2)));
  return acc;
}

@inline
function reduce(mode: i32, isFloat: bool, out: usize, x: usize, n: i32, inner: i32, scratch: usize, begin: i32, end: i32, tid: i32): void {
  const rowBytes = (<usize>n * <usize>inner) << 2;
  if (inner == 1) {
    for (let o = begin; o < end; o++) {
      const p = x + <usize>o * rowBytes;
      const at = out + (<usize>o << 2);
      if (isFloat && mode == SUM) store<f32>(at, <f32>sumRowF64(p, n));
      else v128.store32_lane(at, reduceRow(mode, isFloat, p, n), 0);
    }
    return;
  }
  const chunks = (inner + COLUMNS - 1) / COLUMNS;
  const acc = scratch + (<usize>tid * <usize>COLUMNS << 3);
  const stride = <usize>inner << 2;
  for (let u = begin; u < end; u++) {
    const o = u / chunks;
    const j0 = (u - o * chunks) * COLUMNS;
    const count = min(COLUMNS, inner - j0);
    let row = x + <usize>o * rowBytes + (<usize>j0 << 2);
    const f64Sum = isFloat && mode == SUM;
    // the accumulator row: float64 for float sums, the values' own type otherwise
    if (f64Sum) memory.fill(acc, 0, <usize>count << 3);
    else for (let j = 0; j < count; j += 4) v128.store(acc + (<usize>j << 2), init(mode, isFloat));
    for (let r = 0; r < n; r++) {
      let j = 0;
      if (f64Sum) {
        for (; j + 4 <= count; j += 4) {
          const v = v128.load(row + (<usize>j << 2));
          const a = acc + (<usize>j << 3);
          v128.store(a, f64x2.add(v128.load(a), f64x2.promote_low_f32x4(v)));
          v128.store(a, f64x2.add(v128.load(a, 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 2, 3))), 16);
        }
        for (; j < count; j++) {
          const a = acc + (<usize>j << 3);
          store<f64>(a, load<f64>(a) + <f64>load<f32>(row + (<usize>j << 2)));
        }
      } else {
        for (; j + 4 <= count; j += 4) {
          const a = acc + (<usize>j << 2);
          v128.store(a, vecOp(mode, isFloat, v128.load(a), v128.load(row + (<usize>j << 2))));
        }
        for (; j < count; j++) {
          const a = acc + (<usize>j << 2);
          v128.store32_lane(a, vecOp(mode, isFloat, v128.load32_splat(a), v128.load32_splat(row + (<usize>j << 2))), 0);
        }
      }
      row += stride;
    }
    const dst = out + ((<usize>o * <usize>inner + <usize>j0) << 2);
    if (f64Sum) for (let j = 0; j < count; j++) store<f32>(dst + (<usize>j << 2), <f32>load<f64>(acc + (<usize>j << 3)));
    else memory.copy(dst, acc, <usize>count << 2);
  }
}

export function sum_f32(out: usize, x: usize, n: i32, inner: i32, scratch: usize, begin: i32, end: i32, tid: i32): void { reduce(SUM, true, out, x, n, inner, scratch, begin, end, tid); }
export function max_reduce_f32(out: usize, x: usize, n: i32, inner: i32, scratch: usize, begin: i32, end: i32, tid: i32): void { reduce(MAX, true, out, x, n, inner, scratch, begin, end, tid); }
export function min_reduce_f32(out: usize, x: usize, n: i32, inner: i32, scratch: usize, begin: i32, end: i32, tid: i32): void { reduce(MIN, true, out, x, n, inner, scratch, begin, end, tid); }
export function sum_i32(out: usize, x: usize, n: i32, inner: i32, scratch: usize, begin: i32, end: i32, tid: i32): void { reduce(SUM, false, out, x, n, inner, scratch, begin, end, tid); }
export function max_reduce_i32(out: usize, x: usize, n: i32, inner: i32, scratch: usize, begin: i32, end: i32, tid: i32): void { reduce(MAX, false, out, x, n, inner, scratch, begin, end, tid); }
export function min_reduce_i32(out: usize, x: usize, n: i32, inner: i32, scratch: usize, begin: i32, end: i32, tid: i32): void { reduce(MIN, false, out, x, n, inner, scratch, begin, end, tid); }

/** float64 partial sums of consecutive PARTIAL-element pieces [begin, end) of n float32 values. */
export function sum_partials_f32(partials: usize, x: usize, n: i32, begin: i32, end: i32, tid: i32): void {
  for (let u = begin; u < end; u++) {
    const start = u * PARTIAL;
    store<f64>(partials + (<usize>u << 3), sumRowF64(x + (<usize>start << 2), min(PARTIAL, n - start)));
  }
}

/** out = the float32 rounding of the sum of `count` float64 partials, in order. */
export function sum_f64_to_f32(out: usize, partials: usize, count: i32): void {
  let total: f64 = 0;
  for (let i = 0; i < count; i++) total += load<f64>(partials + (<usize>i << 3));
  store<f32>(out, <f32>total);
}
