// Philox 4x32-10 on i32 lanes, four counter blocks at a time: the same words as the tensor core's
// host generator (philox4x32), so a seeded random tensor or dropout mask has the same bits on every
// backend. Block b of a stream has the counter (b, substream, stream0, stream1) and gives words
// 4b .. 4b+3. The 32x32 -> 64-bit products come from i64x2.extmul, two lanes at a time.

import { imin } from './simd';

const M0: i32 = 0xd2511f53;
const M1: i32 = 0xcd9e8d57;
const W0: i32 = 0x9e3779b9;
const W1: i32 = 0xbb67ae85;

/** The high 32 bits of each lane's unsigned product with m. */
@inline
function mulHi(x: v128, m: v128): v128 {
  const low = i64x2.extmul_low_i32x4_u(x, m);
  const high = i64x2.extmul_high_i32x4_u(x, m);
  return v128.shuffle<i32>(low, high, 1, 3, 5, 7);
}

/**
 * The 16 words of blocks b .. b+3, in word order, at `out` (64 bytes): ten rounds on the four blocks'
 * counters side by side, then a 4x4 transpose from one-vector-per-counter-word to one-vector-per-block.
 */
@inline
export function philoxWords16(out: usize, b: i32, substream: i32, s0: i32, s1: i32, k0: i32, k1: i32): void {
  let c0 = i32x4(b, b + 1, b + 2, b + 3);
  let c1 = i32x4.splat(substream);
  let c2 = i32x4.splat(s0);
  let c3 = i32x4.splat(s1);
  const m0 = i32x4.splat(M0);
  const m1 = i32x4.splat(M1);
  let ka = k0;
  let kb = k1;
  for (let round = 0; round < 10; round++) {
    const hi0 = mulHi(c0, m0);
    const lo0 = i32x4.mul(c0, m0);
    const hi1 = mulHi(c2, m1);
    const lo1 = i32x4.mul(c2, m1);
    c0 = v128.xor(v128.xor(hi1, c1), i32x4.splat(ka));
    c1 = lo1;
    c2 = v128.xor(v128.xor(hi0, c3), i32x4.splat(kb));
    c3 = lo0;
    ka += W0;
    kb += W1;
  }
  const t0 = v128.shuffle<i32>(c0, c1, 0, 4, 1, 5);
  const t1 = v128.shuffle<i32>(c0, c1, 2, 6, 3, 7);
  const t2 = v128.shuffle<i32>(c2, c3, 0, 4, 1, 5);
  const t3 = v128.shuffle<i32>(c2, c3, 2, 6, 3, 7);
  v128.store(out, v128.shuffle<i32>(t0, t2, 0, 1, 4, 5));
  v128.store(out, v128.shuffle<i32>(t0, t2, 2, 3, 6, 7), 16);
  v128.store(out, v128.shuffle<i32>(t1, t3, 0, 1, 4, 5), 32);
  v128.store(out, v128.shuffle<i32>(t1, t3, 2, 3, 6, 7), 48);
}

/** Words [16 begin, 16 end) of a stream (units of four blocks), as uint32 at `out`. */
export function random_words(out: usize, substream: i32, s0: i32, s1: i32, k0: i32, k1: i32, begin: i32, end: i32, tid: i32): void {
  for (let u = begin; u < end; u++) philoxWords16(out + (<usize>u << 6), u << 2, substream, s0, s1, k0, k1);
}

/** A float32-exact uniform in [0, 1) from the top 24 bits of each word. */
@inline
export function uniform(words: v128): v128 {
  return f32x4.mul(f32x4.convert_i32x4_u(i32x4.shr_u(words, 8)), f32x4.splat(5.9604644775390625e-8));
}

/**
 * RandomUniform, float32: element i = fround(min + u_i * (max - min)) computed in float64 exactly as the
 * host does (a multiply, then an add), and a value that rounds up to `top` (= fround(max)) becomes
 * `below`, the float32 under it. Units of 16 elements; `n` elements in all; `scratch` holds 64 bytes per thread.
 */
export function random_uniform_f32(
  out: usize, n: i32, min: f64, range: f64, top: f32, below: f32,
  s0: i32, s1: i32, k0: i32, k1: i32, scratch: usize, begin: i32, end: i32, tid: i32,
): void {
  const words = scratch + (<usize>tid << 6);
  const vmin = f64x2.splat(min);
  const vrange = f64x2.splat(range);
  const vtop = f32x4.splat(top);
  const vbelow = f32x4.splat(below);
  for (let u = begin; u < end; u++) {
    philoxWords16(words, u << 2, 0, s0, s1, k0, k1);
    const first = u << 4;
    const count = imin(16, n - first);
    for (let q = 0; q < 16; q += 4) {
      const un = uniform(v128.load(words + (<usize>q << 2)));
      const lo = f64x2.add(f64x2.mul(f64x2.promote_low_f32x4(un), vrange), vmin);
      const hi = f64x2.add(f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<f32>(un, un, 2, 3, 2, 3)), vrange), vmin);
      const v = v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
      const r = v128.bitselect(v, vbelow, f32x4.lt(v, vtop));
      const at = out + (<usize>(first + q) << 2);
      if (q + 4 <= count) v128.store(at, r);
      else for (let j = 0; j < count - q; j++) store<f32>(at + (<usize>j << 2), loadLane(r, j));
    }
  }
}

@inline
function loadLane(v: v128, j: i32): f32 {
  return j == 0 ? f32x4.extract_lane(v, 0) : j == 1 ? f32x4.extract_lane(v, 1) : j == 2 ? f32x4.extract_lane(v, 2) : f32x4.extract_lane(v, 3);
}

/**
 * Fused inverted dropout over units of 32 elements: y = x * (u >= rate ? scale : 0), where u is the
 * uniform of word i of the stream, and bit i % 32 of mask word i / 32 says that element i was kept
 * (the backward pass reads it instead of drawing again). `rate` and `scale` are float32 as the
 * composite op's scalars are, so y has the same bits as mul(x, mul(cast(u >= rate), scale)).
 */
export function dropout_f32(
  y: usize, bits: usize, x: usize, n: i32, rate: f32, scale: f32,
  s0: i32, s1: i32, k0: i32, k1: i32, scratch: usize, begin: i32, end: i32, tid: i32,
): void {
  const words = scratch + (<usize>tid << 7);
  const vrate = f32x4.splat(rate);
  const vscale = f32x4.splat(scale);
  const zero = f32x4.splat(0);
  for (let u = begin; u < end; u++) {
    philoxWords16(words, u << 3, 0, s0, s1, k0, k1);
    philoxWords16(words + 64, (u << 3) + 4, 0, s0, s1, k0, k1);
    const first = u << 5;
    const count = imin(32, n - first);
    let mask = 0;
    for (let q = 0; q < 32; q += 4) {
      const keep = f32x4.ge(uniform(v128.load(words + (<usize>q << 2))), vrate);
      mask |= i32x4.bitmask(keep) << q;
      const at = <usize>(first + q) << 2;
      const m = v128.bitselect(vscale, zero, keep);
      if (q + 4 <= count) {
        v128.store(y + at, f32x4.mul(v128.load(x + at), m));
      } else {
        for (let j = 0; j < count - q; j++) {
          const o = at + (<usize>j << 2);
          store<f32>(y + o, load<f32>(x + o) * loadLane(m, j));
        }
      }
    }
    if (count < 32) mask &= (1 << count) - 1;
    store<i32>(bits + (<usize>u << 2), mask);
  }
}

/** dx = dy * (kept ? scale : 0) from the forward pass's mask bits, over units of 32 elements. */
export function dropout_grad_f32(dx: usize, dy: usize, bits: usize, n: i32, scale: f32, begin: i32, end: i32, tid: i32): void {
  const vscale = f32x4.splat(scale);
  const zero = f32x4.splat(0);
  const lanesBits = i32x4(1, 2, 4, 8);
  for (let u = begin; u < end; u++) {
    const mask = load<i32>(bits + (<usize>u << 2));
    const first = u << 5;
    const count = imin(32, n - first);
    for (let q = 0; q < 32; q += 4) {
      const keep = i32x4.ne(v128.and(i32x4.splat(mask >>> q), lanesBits), i32x4.splat(0));
      const m = v128.bitselect(vscale, zero, keep);
      const at = <usize>(first + q) << 2;
      if (q + 4 <= count) {
        v128.store(dx + at, f32x4.mul(v128.load(dy + at), m));
      } else {
        for (let j = 0; j < count - q; j++) {
          const o = at + (<usize>j << 2);
          store<f32>(dx + o, load<f32>(dy + o) * loadLane(m, j));
        }
      }
    }
  }
}
