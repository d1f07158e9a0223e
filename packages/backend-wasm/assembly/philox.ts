// Philox 4x32-10 on i32 lanes, four counter blocks at a time: the same words as the tensor core's
// host generator (philox4x32), so a seeded random tensor or dropout mask has the same bits on every
// backend. Block b of a stream has the counter (b, substream, stream0, stream1) and gives words
// 4b .. 4b+3. The 32x32 -> 64-bit products come from i64x2.extmul, two lanes at a time.

import { imin } from './simd';

const M0: i32 = 0xd2511f53;
const M1: i32 = 0xcd9e8d57;
const W0: i32 = 0x9e3779b9;
const W1: i32 = 0xbb67ae85;

/** Stores the 4x4 transpose of four i32 vectors (one per counter word) as four blocks of words at `out`. */
@inline
function storeBlocks(out: usize, c0: v128, c1: v128, c2: v128, c3: v128): void {
  const t0 = v128.shuffle<i32>(c0, c1, 0, 4, 1, 5);
  const t1 = v128.shuffle<i32>(c0, c1, 2, 6, 3, 7);
  const t2 = v128.shuffle<i32>(c2, c3, 0, 4, 1, 5);
  const t3 = v128.shuffle<i32>(c2, c3, 2, 6, 3, 7);
  v128.store(out, v128.shuffle<i32>(t0, t2, 0, 1, 4, 5));
  v128.store(out, v128.shuffle<i32>(t0, t2, 2, 3, 6, 7), 16);
  v128.store(out, v128.shuffle<i32>(t1, t3, 0, 1, 4, 5), 32);
  v128.store(out, v128.shuffle<i32>(t1, t3, 2, 3, 6, 7), 48);
}

/**
 * The 32 words of blocks b .. b+7, in word order, at `out` (128 bytes). Two groups of four blocks go
 * through the rounds side by side, so the multiplies of one hide the latency of the other; each product's
 * high and low words are picked out of the same two extmul results.
 */
@inline
export function philoxWords32(out: usize, b: i32, substream: i32, s0: i32, s1: i32, k0: i32, k1: i32): void {
  let c0 = i32x4.add(i32x4.splat(b), i32x4(0, 1, 2, 3));
  let d0 = i32x4.add(i32x4.splat(b), i32x4(4, 5, 6, 7));
  let c1 = i32x4.splat(substream);
  let d1 = c1;
  let c2 = i32x4.splat(s0);
  let d2 = c2;
  let c3 = i32x4.splat(s1);
  let d3 = c3;
  const m0 = i32x4.splat(M0);
  const m1 = i32x4.splat(M1);
  let ka = k0;
  let kb = k1;
  for (let round = 0; round < 10; round++) {
    const vka = i32x4.splat(ka);
    const vkb = i32x4.splat(kb);
    let l = i64x2.extmul_low_i32x4_u(c0, m0);
    let h = i64x2.extmul_high_i32x4_u(c0, m0);
    const cHi0 = v128.shuffle<i32>(l, h, 1, 3, 5, 7);
    const cLo0 = v128.shuffle<i32>(l, h, 0, 2, 4, 6);
    l = i64x2.extmul_low_i32x4_u(c2, m1);
    h = i64x2.extmul_high_i32x4_u(c2, m1);
    const cHi1 = v128.shuffle<i32>(l, h, 1, 3, 5, 7);
    const cLo1 = v128.shuffle<i32>(l, h, 0, 2, 4, 6);
    l = i64x2.extmul_low_i32x4_u(d0, m0);
    h = i64x2.extmul_high_i32x4_u(d0, m0);
    const dHi0 = v128.shuffle<i32>(l, h, 1, 3, 5, 7);
    const dLo0 = v128.shuffle<i32>(l, h, 0, 2, 4, 6);
    l = i64x2.extmul_low_i32x4_u(d2, m1);
    h = i64x2.extmul_high_i32x4_u(d2, m1);
    const dHi1 = v128.shuffle<i32>(l, h, 1, 3, 5, 7);
    const dLo1 = v128.shuffle<i32>(l, h, 0, 2, 4, 6);
    c0 = v128.xor(v128.xor(cHi1, c1), vka);
    c1 = cLo1;
    c2 = v128.xor(v128.xor(cHi0, c3), vkb);
    c3 = cLo0;
    d0 = v128.xor(v128.xor(dHi1, d1), vka);
    d1 = dLo1;
    d2 = v128.xor(v128.xor(dHi0, d3), vkb);
    d3 = dLo0;
    ka += W0;
    kb += W1;
  }
  storeBlocks(out, c0, c1, c2, c3);
  storeBlocks(out + 64, d0, d1, d2, d3);
}

/** Words [32 begin, 32 end) of a stream (units of eight blocks), as uint32 at `out`. */
export function random_words(out: usize, substream: i32, s0: i32, s1: i32, k0: i32, k1: i32, begin: i32, end: i32, tid: i32): void {
  for (let u = begin; u < end; u++) philoxWords32(out + (<usize>u << 7), u << 3, substream, s0, s1, k0, k1);
}

/** A float32-exact uniform in [0, 1) from the top 24 bits of each word. */
@inline
export function uniform(words: v128): v128 {
  return f32x4.mul(f32x4.convert_i32x4_u(i32x4.shr_u(words, 8)), f32x4.splat(5.9604644775390625e-8));
}

/**
 * RandomUniform, float32: element i = fround(min + u_i * (max - min)) computed in float64 exactly as the
 * host does (a multiply, then an add), and a value that rounds up to `top` (= fround(max)) becomes
 * `below`, the float32 under it. Units of 32 elements; `n` elements in all; `scratch` holds 256 bytes per thread.
 */
export function random_uniform_f32(
  out: usize, n: i32, min: f64, range: f64, top: f32, below: f32,
  s0: i32, s1: i32, k0: i32, k1: i32, scratch: usize, begin: i32, end: i32, tid: i32,
): void {
  const words = scratch + (<usize>tid << 8);
  const vmin = f64x2.splat(min);
  const vrange = f64x2.splat(range);
  const vtop = f32x4.splat(top);
  const vbelow = f32x4.splat(below);
  for (let u = begin; u < end; u++) {
    philoxWords32(words, u << 3, 0, s0, s1, k0, k1);
    const first = u << 5;
    const count = imin(32, n - first);
    for (let q = 0; q < 32; q += 4) {
      const un = uniform(v128.load(words + (<usize>q << 2)));
      const lo = f64x2.add(f64x2.mul(f64x2.promote_low_f32x4(un), vrange), vmin);
      const hi = f64x2.add(f64x2.mul(f64x2.promote_low_f32x4(v128.shuffle<f32>(un, un, 2, 3, 2, 3)), vrange), vmin);
      const v = v128.shuffle<f32>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
      const r = v128.bitselect(v, vbelow, f32x4.lt(v, vtop));
      v128.store(words + 128, r); // the tail below reads its lanes from here
      const at = out + (<usize>(first + q) << 2);
      if (q + 4 <= count) {
        v128.store(at, r);
      } else {
        for (let j = 0; j < count - q; j++) store<f32>(at + (<usize>j << 2), load<f32>(words + (<usize>(32 + j) << 2)));
      }
    }
  }
}

/**
 * Fused inverted dropout over units of 32 elements: y = x * (u >= rate ? scale : 0), where u is the
 * uniform of word i of the stream, and bit i % 32 of mask word i / 32 says that element i was kept
 * (the backward pass reads it instead of drawing again). u >= rate is tested on the word itself:
 * (word >>> 8) / 2^24 >= rate exactly when word >= `threshold` = ceil(rate * 2^24) * 256 (unsigned).
 * `scale` is float32 as the composite op's scalar is, so y has the same bits as
 * mul(x, mul(cast(greaterEqual(u, rate)), scale)).
 */
export function dropout_f32(
  y: usize, bits: usize, x: usize, n: i32, threshold: i32, scale: f32,
  s0: i32, s1: i32, k0: i32, k1: i32, scratch: usize, begin: i32, end: i32, tid: i32,
): void {
  const words = scratch + (<usize>tid << 7);
  const vthreshold = i32x4.splat(threshold);
  const vscale = f32x4.splat(scale);
  for (let u = begin; u < end; u++) {
    philoxWords32(words, u << 3, 0, s0, s1, k0, k1);
    const first = u << 5;
    const count = imin(32, n - first);
    const px = x + (<usize>first << 2);
    const py = y + (<usize>first << 2);
    let mask = 0;
    if (count == 32) {
      for (let q = 0; q < 32; q += 4) {
        const at = <usize>q << 2;
        const keep = i32x4.ge_u(v128.load(words + at), vthreshold);
        mask |= i32x4.bitmask(keep) << q;
        // x * (kept ? scale : 0): the mask's all-ones lanes pass the scale, the others give +0
        v128.store(py + at, f32x4.mul(v128.load(px + at), v128.and(keep, vscale)));
      }
    } else {
      for (let q = 0; q < count; q++) {
        const at = <usize>q << 2;
        const kept = <u32>load<i32>(words + at) >= <u32>threshold;
        if (kept) mask |= 1 << q;
        store<f32>(py + at, load<f32>(px + at) * (kept ? scale : 0));
      }
    }
    store<i32>(bits + (<usize>u << 2), mask);
  }
}

/** dx = dy * (kept ? scale : 0) from the forward pass's mask bits, over units of 32 elements. */
export function dropout_grad_f32(dx: usize, dy: usize, bits: usize, n: i32, scale: f32, begin: i32, end: i32, tid: i32): void {
  const vscale = f32x4.splat(scale);
  const lanesBits = i32x4(1, 2, 4, 8);
  for (let u = begin; u < end; u++) {
    const mask = load<i32>(bits + (<usize>u << 2));
    const first = u << 5;
    const count = imin(32, n - first);
    const pdy = dy + (<usize>first << 2);
    const pdx = dx + (<usize>first << 2);
    if (count == 32) {
      for (let q = 0; q < 32; q += 4) {
        const at = <usize>q << 2;
        const keep = i32x4.eq(v128.and(i32x4.splat(mask >>> q), lanesBits), lanesBits);
        v128.store(pdx + at, f32x4.mul(v128.load(pdy + at), v128.and(keep, vscale)));
      }
    } else {
      for (let q = 0; q < count; q++) {
        const at = <usize>q << 2;
        store<f32>(pdx + at, load<f32>(pdy + at) * (((mask >>> q) & 1) != 0 ? scale : 0));
      }
    }
  }
}
