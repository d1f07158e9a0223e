// Broadcasting binary kernels on float32 and int32: arithmetic into the input dtype, comparisons into
// bool (one byte per element). Each kernel walks the output in runs (see strided.ts); a run has both
// inputs contiguous, or one of them a repeated scalar, and is done 4 (or 16) elements at a time.

import { seek, advance, offsetOf, innerCoord, metaRank, metaDim, metaStride } from './strided';
import { imin } from './simd';

// Float and int arithmetic
export const ADD: i32 = 0;
export const SUB: i32 = 1;
export const MUL: i32 = 2;
export const DIV: i32 = 3;
export const MAX: i32 = 4;
export const MIN: i32 = 5;
// Comparisons (bool output)
export const EQ: i32 = 10;
export const NE: i32 = 11;
export const GT: i32 = 12;
export const GE: i32 = 13;
export const LT: i32 = 14;
export const LE: i32 = 15;

/** Bytes between the per-thread copies of a walk block. */
const META_STRIDE: usize = 128;

@inline
function f32Vec(op: i32, a: v128, b: v128): v128 {
  if (op == ADD) return f32x4.add(a, b);
  if (op == SUB) return f32x4.sub(a, b);
  if (op == MUL) return f32x4.mul(a, b);
  if (op == DIV) return f32x4.div(a, b);
  if (op == MAX) return f32x4.max(a, b);
  return f32x4.min(a, b);
}

@inline
function f32One(op: i32, a: f32, b: f32): f32 {
  if (op == ADD) return a + b;
  if (op == SUB) return a - b;
  if (op == MUL) return a * b;
  if (op == DIV) return a / b;
  if (op == MAX) return Mathf.max(a, b);
  return Mathf.min(a, b);
}

@inline
function i32Vec(op: i32, a: v128, b: v128): v128 {
  if (op == ADD) return i32x4.add(a, b);
  if (op == SUB) return i32x4.sub(a, b);
  if (op == MUL) return i32x4.mul(a, b);
  if (op == MAX) return i32x4.max_s(a, b);
  return i32x4.min_s(a, b);
}

@inline
function i32One(op: i32, a: i32, b: i32): i32 {
  if (op == ADD) return a + b;
  if (op == SUB) return a - b;
  if (op == MUL) return a * b;
  if (op == MAX) return a > b ? a : b;
  return a < b ? a : b;
}

/** One run of n elements of a 4-byte arithmetic op; sa, sb are 1 or 0 (a repeated scalar). */
@inline
function arithmeticRun(isFloat: bool, op: i32, out: usize, a: usize, sa: i32, b: usize, sb: i32, n: i32): void {
  let i = 0;
  const va = v128.load32_splat(a);
  const vb = v128.load32_splat(b);
  if (sa == 1 && sb == 1) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(out + o, isFloat ? f32Vec(op, v128.load(a + o), v128.load(b + o)) : i32Vec(op, v128.load(a + o), v128.load(b + o)));
    }
  } else if (sa == 1) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(out + o, isFloat ? f32Vec(op, v128.load(a + o), vb) : i32Vec(op, v128.load(a + o), vb));
    }
  } else if (sb == 1) {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(out + o, isFloat ? f32Vec(op, va, v128.load(b + o)) : i32Vec(op, va, v128.load(b + o)));
    }
  } else {
    const v = isFloat ? f32Vec(op, va, vb) : i32Vec(op, va, vb);
    for (; i + 4 <= n; i += 4) v128.store(out + (<usize>i << 2), v);
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const pa = a + <usize>(i * sa) * 4;
    const pb = b + <usize>(i * sb) * 4;
    if (isFloat) store<f32>(out + o, f32One(op, load<f32>(pa), load<f32>(pb)));
    else store<i32>(out + o, i32One(op, load<i32>(pa), load<i32>(pb)));
  }
}

@inline
function compareVec(isFloat: bool, op: i32, a: v128, b: v128): v128 {
  if (isFloat) {
    if (op == EQ) return f32x4.eq(a, b);
    if (op == NE) return f32x4.ne(a, b);
    if (op == GT) return f32x4.gt(a, b);
    if (op == GE) return f32x4.ge(a, b);
    if (op == LT) return f32x4.lt(a, b);
    return f32x4.le(a, b);
  }
  if (op == EQ) return i32x4.eq(a, b);
  if (op == NE) return i32x4.ne(a, b);
  if (op == GT) return i32x4.gt_s(a, b);
  if (op == GE) return i32x4.ge_s(a, b);
  if (op == LT) return i32x4.lt_s(a, b);
  return i32x4.le_s(a, b);
}

@inline
function compareOne(isFloat: bool, op: i32, pa: usize, pb: usize): u8 {
  let r: bool;
  if (isFloat) {
    const a = load<f32>(pa), b = load<f32>(pb);
    r = op == EQ ? a == b : op == NE ? a != b : op == GT ? a > b : op == GE ? a >= b : op == LT ? a < b : a <= b;
  } else {
    const a = load<i32>(pa), b = load<i32>(pb);
    r = op == EQ ? a == b : op == NE ? a != b : op == GT ? a > b : op == GE ? a >= b : op == LT ? a < b : a <= b;
  }
  return r ? 1 : 0;
}

/** Loads four lanes of a run: contiguous from p (stride 1) or the scalar at p repeated. */
@inline
function lanes(p: usize, s: i32, at: usize): v128 {
  return s == 1 ? v128.load(p + at) : v128.load32_splat(p);
}

/** One run of n comparisons, 16 at a time: four lane masks narrowed to 16 bytes of 0 or 1. */
@inline
function compareRun(isFloat: bool, op: i32, out: usize, a: usize, sa: i32, b: usize, sb: i32, n: i32): void {
  let i = 0;
  const one = i8x16.splat(1);
  for (; i + 16 <= n; i += 16) {
    const o = <usize>i << 2;
    const m0 = compareVec(isFloat, op, lanes(a, sa, o), lanes(b, sb, o));
    const m1 = compareVec(isFloat, op, lanes(a, sa, o + 16), lanes(b, sb, o + 16));
    const m2 = compareVec(isFloat, op, lanes(a, sa, o + 32), lanes(b, sb, o + 32));
    const m3 = compareVec(isFloat, op, lanes(a, sa, o + 48), lanes(b, sb, o + 48));
    const bytes = i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(m0, m1), i16x8.narrow_i32x4_s(m2, m3));
    v128.store(out + <usize>i, v128.and(bytes, one));
  }
  for (; i < n; i++) store<u8>(out + <usize>i, compareOne(isFloat, op, a + <usize>(i * sa) * 4, b + <usize>(i * sb) * 4));
}

/**
 * Output elements [begin, end) of a broadcast binary op: out = a op b. `meta` holds the walk (one copy
 * per thread, 128 bytes apart).
 */
@inline
function binary(isFloat: bool, op: i32, out: usize, a: usize, b: usize, metaBase: usize, begin: i32, end: i32, tid: i32): void {
  const meta = metaBase + <usize>tid * META_STRIDE;
  const compare = op >= EQ;
  const last = metaRank(meta) - 1;
  const n = metaDim(meta, last);
  const sa = metaStride(meta, 0, last);
  const sb = metaStride(meta, 1, last);
  seek(meta, begin);
  let e = begin;
  while (e < end) {
    const count = imin(n - innerCoord(meta), end - e);
    const pa = a + (<usize>offsetOf(meta, 0) << 2);
    const pb = b + (<usize>offsetOf(meta, 1) << 2);
    if (compare) compareRun(isFloat, op, out + <usize>e, pa, sa, pb, sb, count);
    else arithmeticRun(isFloat, op, out + (<usize>e << 2), pa, sa, pb, sb, count);
    e += count;
    if (e < end) advance(meta, count);
  }
}

export function add_f32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(true, ADD, out, a, b, meta, begin, end, tid); }
export function sub_f32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(true, SUB, out, a, b, meta, begin, end, tid); }
export function mul_f32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(true, MUL, out, a, b, meta, begin, end, tid); }
export function div_f32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(true, DIV, out, a, b, meta, begin, end, tid); }
export function max_f32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(true, MAX, out, a, b, meta, begin, end, tid); }
export function min_f32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(true, MIN, out, a, b, meta, begin, end, tid); }
export function eq_f32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(true, EQ, out, a, b, meta, begin, end, tid); }
export function ne_f32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(true, NE, out, a, b, meta, begin, end, tid); }
export function gt_f32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(true, GT, out, a, b, meta, begin, end, tid); }
export function ge_f32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(true, GE, out, a, b, meta, begin, end, tid); }
export function lt_f32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(true, LT, out, a, b, meta, begin, end, tid); }
export function le_f32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(true, LE, out, a, b, meta, begin, end, tid); }
export function add_i32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(false, ADD, out, a, b, meta, begin, end, tid); }
export function sub_i32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(false, SUB, out, a, b, meta, begin, end, tid); }
export function mul_i32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(false, MUL, out, a, b, meta, begin, end, tid); }
export function max_i32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(false, MAX, out, a, b, meta, begin, end, tid); }
export function min_i32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(false, MIN, out, a, b, meta, begin, end, tid); }
export function eq_i32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(false, EQ, out, a, b, meta, begin, end, tid); }
export function ne_i32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(false, NE, out, a, b, meta, begin, end, tid); }
export function gt_i32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(false, GT, out, a, b, meta, begin, end, tid); }
export function ge_i32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(false, GE, out, a, b, meta, begin, end, tid); }
export function lt_i32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(false, LT, out, a, b, meta, begin, end, tid); }
export function le_i32(out: usize, a: usize, b: usize, meta: usize, begin: i32, end: i32, tid: i32): void { binary(false, LE, out, a, b, meta, begin, end, tid); }

/**
 * Output elements [begin, end) of a strided copy of input 0 of the walk at `meta`: BroadcastTo, Tile,
 * Transpose, Slice and StridedSlice are all this with different dims and strides (any stride here, not
 * only 1 or 0). `size` is the element size in bytes (4, or 1 for bool).
 */
@inline
function stridedCopy(size: usize, out: usize, a: usize, metaBase: usize, begin: i32, end: i32, tid: i32): void {
  const meta = metaBase + <usize>tid * META_STRIDE;
  const last = metaRank(meta) - 1;
  const n = metaDim(meta, last);
  const sa = metaStride(meta, 0, last);
  seek(meta, begin);
  let e = begin;
  while (e < end) {
    const count = imin(n - innerCoord(meta), end - e);
    const pa = a + <usize>offsetOf(meta, 0) * size;
    const po = out + <usize>e * size;
    if (sa == 1) {
      memory.copy(po, pa, <usize>count * size);
    } else if (sa == 0 && size == 4) {
      const v = v128.load32_splat(pa);
      let i = 0;
      for (; i + 4 <= count; i += 4) v128.store(po + (<usize>i << 2), v);
      for (; i < count; i++) store<i32>(po + (<usize>i << 2), load<i32>(pa));
    } else if (sa == 0) {
      memory.fill(po, load<u8>(pa), <usize>count);
    } else if (size == 4) {
      const step = <usize>sa << 2;
      let src = pa;
      for (let i = 0; i < count; i++, src += step) store<i32>(po + (<usize>i << 2), load<i32>(src));
    } else {
      let src = pa;
      for (let i = 0; i < count; i++, src += <usize>sa) store<u8>(po + <usize>i, load<u8>(src));
    }
    e += count;
    if (e < end) advance(meta, count);
  }
}

export function strided_copy_4(out: usize, a: usize, meta: usize, begin: i32, end: i32, tid: i32): void { stridedCopy(4, out, a, meta, begin, end, tid); }
export function strided_copy_1(out: usize, a: usize, meta: usize, begin: i32, end: i32, tid: i32): void { stridedCopy(1, out, a, meta, begin, end, tid); }
