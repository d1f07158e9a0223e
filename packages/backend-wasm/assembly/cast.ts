// Casts between float32, int32 and bool, and Select, over contiguous buffers [begin, end).
// float32 -> int32 truncates and wraps modulo 2^32 as JavaScript's ToInt32 does (the CPU backend's
// Math.trunc stored into an Int32Array): NaN and ±Infinity give 0.

/** ToInt32(trunc(v)) for one value. Floats of magnitude 2^63 and up are multiples of 2^32: they give 0. */
@inline
function toInt32(v: f32): i32 {
  if (!(Mathf.abs(v) < 9.223372e18)) return 0;
  return <i32><i64>v;
}

export function cast_f32_i32(out: usize, x: usize, begin: i32, end: i32, tid: i32): void {
  let i = begin;
  const limit = f32x4.splat(2147483520); // the largest float32 below 2^31
  for (; i + 4 <= end; i += 4) {
    const o = <usize>i << 2;
    const v = v128.load(x + o);
    if (i32x4.all_true(f32x4.le(f32x4.abs(v), limit))) {
      v128.store(out + o, i32x4.trunc_sat_f32x4_s(v));
    } else {
      for (let j: usize = 0; j < 16; j += 4) store<i32>(out + o + j, toInt32(load<f32>(x + o + j)));
    }
  }
  for (; i < end; i++) store<i32>(out + (<usize>i << 2), toInt32(load<f32>(x + (<usize>i << 2))));
}

export function cast_i32_f32(out: usize, x: usize, begin: i32, end: i32, tid: i32): void {
  let i = begin;
  for (; i + 4 <= end; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, f32x4.convert_i32x4_s(v128.load(x + o)));
  }
  for (; i < end; i++) store<f32>(out + (<usize>i << 2), <f32>load<i32>(x + (<usize>i << 2)));
}

/** bool (0/1 bytes) to float32 (`toFloat`) or int32. */
@inline
function fromBool(toFloat: bool, out: usize, x: usize, begin: i32, end: i32): void {
  let i = begin;
  for (; i + 16 <= end; i += 16) {
    const bytes = v128.load(x + <usize>i);
    const lo = i16x8.extend_low_i8x16_u(bytes);
    const hi = i16x8.extend_high_i8x16_u(bytes);
    const q0 = i32x4.extend_low_i16x8_u(lo);
    const q1 = i32x4.extend_high_i16x8_u(lo);
    const q2 = i32x4.extend_low_i16x8_u(hi);
    const q3 = i32x4.extend_high_i16x8_u(hi);
    const o = out + (<usize>i << 2);
    v128.store(o, toFloat ? f32x4.convert_i32x4_u(q0) : q0);
    v128.store(o, toFloat ? f32x4.convert_i32x4_u(q1) : q1, 16);
    v128.store(o, toFloat ? f32x4.convert_i32x4_u(q2) : q2, 32);
    v128.store(o, toFloat ? f32x4.convert_i32x4_u(q3) : q3, 48);
  }
  for (; i < end; i++) {
    const b = load<u8>(x + <usize>i);
    if (toFloat) store<f32>(out + (<usize>i << 2), <f32>b);
    else store<i32>(out + (<usize>i << 2), <i32>b);
  }
}

export function cast_bool_f32(out: usize, x: usize, begin: i32, end: i32, tid: i32): void { fromBool(true, out, x, begin, end); }
export function cast_bool_i32(out: usize, x: usize, begin: i32, end: i32, tid: i32): void { fromBool(false, out, x, begin, end); }

/** float32 or int32 to bool: 1 where the value is not 0 (NaN included), 16 values at a time. */
@inline
function toBool(isFloat: bool, out: usize, x: usize, begin: i32, end: i32): void {
  let i = begin;
  const zero = i32x4.splat(0);
  const one = i8x16.splat(1);
  for (; i + 16 <= end; i += 16) {
    const p = x + (<usize>i << 2);
    const m0 = isFloat ? f32x4.ne(v128.load(p), zero) : i32x4.ne(v128.load(p), zero);
    const m1 = isFloat ? f32x4.ne(v128.load(p, 16), zero) : i32x4.ne(v128.load(p, 16), zero);
    const m2 = isFloat ? f32x4.ne(v128.load(p, 32), zero) : i32x4.ne(v128.load(p, 32), zero);
    const m3 = isFloat ? f32x4.ne(v128.load(p, 48), zero) : i32x4.ne(v128.load(p, 48), zero);
    v128.store(out + <usize>i, v128.and(i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(m0, m1), i16x8.narrow_i32x4_s(m2, m3)), one));
  }
  for (; i < end; i++) {
    const p = x + (<usize>i << 2);
    store<u8>(out + <usize>i, (isFloat ? load<f32>(p) != 0 : load<i32>(p) != 0) ? 1 : 0);
  }
}

export function cast_f32_bool(out: usize, x: usize, begin: i32, end: i32, tid: i32): void { toBool(true, out, x, begin, end); }
export function cast_i32_bool(out: usize, x: usize, begin: i32, end: i32, tid: i32): void { toBool(false, out, x, begin, end); }

/** out = condition ? a : b for 4-byte elements; the condition is bool bytes. */
export function select_4(out: usize, condition: usize, a: usize, b: usize, begin: i32, end: i32, tid: i32): void {
  let i = begin;
  const zero = i32x4.splat(0);
  for (; i + 16 <= end; i += 16) {
    const bytes = v128.load(condition + <usize>i);
    const lo = i16x8.extend_low_i8x16_u(bytes);
    const hi = i16x8.extend_high_i8x16_u(bytes);
    const o = <usize>i << 2;
    v128.store(out + o, v128.bitselect(v128.load(a + o), v128.load(b + o), i32x4.ne(i32x4.extend_low_i16x8_u(lo), zero)));
    v128.store(out + o + 16, v128.bitselect(v128.load(a + o + 16), v128.load(b + o + 16), i32x4.ne(i32x4.extend_high_i16x8_u(lo), zero)));
    v128.store(out + o + 32, v128.bitselect(v128.load(a + o + 32), v128.load(b + o + 32), i32x4.ne(i32x4.extend_low_i16x8_u(hi), zero)));
    v128.store(out + o + 48, v128.bitselect(v128.load(a + o + 48), v128.load(b + o + 48), i32x4.ne(i32x4.extend_high_i16x8_u(hi), zero)));
  }
  for (; i < end; i++) {
    const o = <usize>i << 2;
    store<i32>(out + o, load<u8>(condition + <usize>i) != 0 ? load<i32>(a + o) : load<i32>(b + o));
  }
}
