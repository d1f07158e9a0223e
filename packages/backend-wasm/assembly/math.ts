// exp, log, tanh and sigmoid on four float32 lanes, within about 2 ulp of the exact value, with the
// special values JavaScript's Math gives (exp(-Infinity) = 0, log(0) = -Infinity, log(-1) = NaN,
// NaN in, NaN out). WebAssembly has no transcendental instructions: these are range reductions and
// minimax polynomials in the manner of Cephes' single-precision functions.

import { madd } from './simd';

const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;

/** 2^k for whole k in [-126, 127], as float32 lanes. */
@inline
function pow2(k: v128): v128 {
  return i32x4.shl(i32x4.add(k, i32x4.splat(127)), 23);
}

@inline
export function expVec(x: v128): v128 {
  // beyond [-104, 89] the result is 0 or Infinity anyway; min/max keep NaN
  const xc = f32x4.max(f32x4.min(x, f32x4.splat(89)), f32x4.splat(-104));
  const nf = f32x4.nearest(f32x4.mul(xc, f32x4.splat(LOG2E)));
  const r = madd(nf, f32x4.splat(-LN2_LO), madd(nf, f32x4.splat(-LN2_HI), xc));
  let p = f32x4.splat(1.9875691500e-4);
  p = madd(p, r, f32x4.splat(1.3981999507e-3));
  p = madd(p, r, f32x4.splat(8.3334519073e-3));
  p = madd(p, r, f32x4.splat(4.1665795894e-2));
  p = madd(p, r, f32x4.splat(1.6666665459e-1));
  p = madd(p, r, f32x4.splat(5.0000001201e-1));
  p = f32x4.add(madd(p, f32x4.mul(r, r), r), f32x4.splat(1));
  // scale by 2^n in two steps, so results near the float32 limits (and subnormal ones) stay exact
  const n = i32x4.trunc_sat_f32x4_s(nf);
  const high = i32x4.gt_s(n, i32x4.splat(127));
  const low = i32x4.lt_s(n, i32x4.splat(-126));
  const n2 = v128.bitselect(i32x4.sub(n, i32x4.splat(127)), v128.bitselect(i32x4.splat(-126), i32x4.splat(0), low), high);
  const n1 = i32x4.sub(n, n2);
  return f32x4.mul(f32x4.mul(p, pow2(n1)), pow2(n2));
}

@inline
export function logVec(x: v128): v128 {
  const zero = f32x4.splat(0);
  // subnormal inputs: scale into the normal range first
  const tiny = f32x4.lt(x, f32x4.splat(1.17549435e-38));
  const xs = v128.bitselect(f32x4.mul(x, f32x4.splat(8388608)), x, tiny);
  let e = i32x4.sub(i32x4.shr_u(xs, 23), i32x4.splat(126));
  e = i32x4.sub(e, v128.and(tiny, i32x4.splat(23)));
  // mantissa in [0.5, 1)
  let m = v128.or(v128.and(xs, i32x4.splat(0x807fffff)), i32x4.splat(0x3f000000));
  const small = f32x4.lt(m, f32x4.splat(0.707106781186547524));
  e = i32x4.add(e, small); // small lanes are -1: one binade down
  m = f32x4.sub(f32x4.add(m, v128.and(small, m)), f32x4.splat(1));
  const z = f32x4.mul(m, m);
  let y = f32x4.splat(7.0376836292e-2);
  y = madd(y, m, f32x4.splat(-1.1514610310e-1));
  y = madd(y, m, f32x4.splat(1.1676998740e-1));
  y = madd(y, m, f32x4.splat(-1.2420140846e-1));
  y = madd(y, m, f32x4.splat(1.4249322787e-1));
  y = madd(y, m, f32x4.splat(-1.6668057665e-1));
  y = madd(y, m, f32x4.splat(2.0000714765e-1));
  y = madd(y, m, f32x4.splat(-2.4999993993e-1));
  y = madd(y, m, f32x4.splat(3.3333331174e-1));
  y = f32x4.mul(f32x4.mul(y, m), z);
  const fe = f32x4.convert_i32x4_s(e);
  y = madd(fe, f32x4.splat(LN2_LO), y);
  y = madd(z, f32x4.splat(-0.5), y);
  let r = madd(fe, f32x4.splat(LN2_HI), f32x4.add(m, y));
  // log(0) = -Infinity, log(Infinity) = Infinity, log(x < 0) = NaN, NaN stays NaN
  r = v128.bitselect(f32x4.splat(-Infinity), r, f32x4.eq(x, zero));
  r = v128.bitselect(x, r, f32x4.eq(x, f32x4.splat(Infinity)));
  r = v128.bitselect(f32x4.splat(NaN), r, f32x4.lt(x, zero));
  return v128.bitselect(x, r, f32x4.ne(x, x));
}

@inline
export function tanhVec(x: v128): v128 {
  const a = f32x4.abs(x);
  // |x| < 0.625: odd polynomial; above: 1 - 2 / (exp(2|x|) + 1), which reaches 1 past |x| = 9
  const z = f32x4.mul(x, x);
  let p = f32x4.splat(-5.70498872745e-3);
  p = madd(p, z, f32x4.splat(2.06390887954e-2));
  p = madd(p, z, f32x4.splat(-5.37397155531e-2));
  p = madd(p, z, f32x4.splat(1.33314422036e-1));
  p = madd(p, z, f32x4.splat(-3.33332819422e-1));
  const near = madd(f32x4.mul(p, z), x, x);
  const e = expVec(f32x4.add(a, a));
  const far = f32x4.sub(f32x4.splat(1), f32x4.div(f32x4.splat(2), f32x4.add(e, f32x4.splat(1))));
  const signed = v128.or(far, v128.and(x, i32x4.splat(0x80000000)));
  const r = v128.bitselect(near, signed, f32x4.lt(a, f32x4.splat(0.625)));
  return v128.bitselect(x, r, f32x4.ne(x, x));
}

/** 1 / (1 + e) for x >= 0 and e / (1 + e) below, with e = exp(-|x|): no overflow, small results keep their precision. */
@inline
export function sigmoidVec(x: v128): v128 {
  const e = expVec(f32x4.neg(f32x4.abs(x)));
  const r = f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), e));
  return v128.bitselect(r, f32x4.mul(e, r), f32x4.ge(x, f32x4.splat(0)));
}

@inline
export function expOne(v: f32): f32 {
  return f32x4.extract_lane(expVec(f32x4.splat(v)), 0);
}

@inline
export function logOne(v: f32): f32 {
  return f32x4.extract_lane(logVec(f32x4.splat(v)), 0);
}

@inline
export function tanhOne(v: f32): f32 {
  return f32x4.extract_lane(tanhVec(f32x4.splat(v)), 0);
}

@inline
export function sigmoidOne(v: f32): f32 {
  return f32x4.extract_lane(sigmoidVec(f32x4.splat(v)), 0);
}
