// Unary elementwise kernels over contiguous buffers: out[i] = f(x[i]) for i in [begin, end). Each keeps
// the CPU backend's special cases (NaN passes through relu, sign(-0) is -0, rsqrt(0) is Infinity).

import { expVec, logVec, tanhVec, sigmoidVec, expOne, logOne, tanhOne, sigmoidOne } from './math';
import { reluVec, relu6Vec } from './activation';

const ABS: i32 = 0;
const NEG: i32 = 1;
const SQUARE: i32 = 2;
const SQRT: i32 = 3;
const RSQRT: i32 = 4;
const RELU: i32 = 5;
const RELU6: i32 = 6;
const SIGN: i32 = 7;
const LEAKY_RELU: i32 = 8;
const CLIP: i32 = 9;
const EXP: i32 = 10;
const LOG: i32 = 11;
const TANH: i32 = 12;
const SIGMOID: i32 = 13;

@inline
function vec(op: i32, v: v128, p: v128, q: v128): v128 {
  const zero = f32x4.splat(0);
  if (op == ABS) return f32x4.abs(v);
  if (op == NEG) return f32x4.neg(v);
  if (op == SQUARE) return f32x4.mul(v, v);
  if (op == SQRT) return f32x4.sqrt(v);
  if (op == RSQRT) return f32x4.div(f32x4.splat(1), f32x4.sqrt(v));
  // bitselect(a, b, m): a where m is set, b elsewhere
  if (op == RELU) return reluVec(v);
  if (op == RELU6) return relu6Vec(v);
  if (op == SIGN) return v128.bitselect(f32x4.splat(-1), v128.bitselect(f32x4.splat(1), v, f32x4.gt(v, zero)), f32x4.lt(v, zero));
  if (op == LEAKY_RELU) return v128.bitselect(f32x4.mul(p, v), v, f32x4.lt(v, zero));
  if (op == CLIP) return v128.bitselect(p, v128.bitselect(q, v, f32x4.gt(v, q)), f32x4.lt(v, p));
  if (op == EXP) return expVec(v);
  if (op == LOG) return logVec(v);
  if (op == TANH) return tanhVec(v);
  return sigmoidVec(v);
}

@inline
function one(op: i32, v: f32, p: f32, q: f32): f32 {
  if (op == ABS) return Mathf.abs(v);
  if (op == NEG) return -v;
  if (op == SQUARE) return v * v;
  if (op == SQRT) return Mathf.sqrt(v);
  if (op == RSQRT) return 1 / Mathf.sqrt(v);
  if (op == RELU) return v < 0 ? 0 : v;
  if (op == RELU6) return v < 0 ? 0 : v > 6 ? 6 : v;
  if (op == SIGN) return v > 0 ? 1 : v < 0 ? -1 : v;
  if (op == LEAKY_RELU) return v < 0 ? p * v : v;
  if (op == CLIP) return v < p ? p : v > q ? q : v;
  if (op == EXP) return expOne(v);
  if (op == LOG) return logOne(v);
  if (op == TANH) return tanhOne(v);
  return sigmoidOne(v);
}

@inline
function unary(op: i32, out: usize, x: usize, p: f32, q: f32, begin: i32, end: i32): void {
  const vp = f32x4.splat(p);
  const vq = f32x4.splat(q);
  let i = begin;
  for (; i + 4 <= end; i += 4) {
    const o = <usize>i << 2;
    v128.store(out + o, vec(op, v128.load(x + o), vp, vq));
  }
  for (; i < end; i++) {
    const o = <usize>i << 2;
    store<f32>(out + o, one(op, load<f32>(x + o), p, q));
  }
}

export function abs_f32(out: usize, x: usize, begin: i32, end: i32, tid: i32): void { unary(ABS, out, x, 0, 0, begin, end); }
export function neg_f32(out: usize, x: usize, begin: i32, end: i32, tid: i32): void { unary(NEG, out, x, 0, 0, begin, end); }
export function square_f32(out: usize, x: usize, begin: i32, end: i32, tid: i32): void { unary(SQUARE, out, x, 0, 0, begin, end); }
export function sqrt_f32(out: usize, x: usize, begin: i32, end: i32, tid: i32): void { unary(SQRT, out, x, 0, 0, begin, end); }
export function rsqrt_f32(out: usize, x: usize, begin: i32, end: i32, tid: i32): void { unary(RSQRT, out, x, 0, 0, begin, end); }
export function relu_f32(out: usize, x: usize, begin: i32, end: i32, tid: i32): void { unary(RELU, out, x, 0, 0, begin, end); }
export function relu6_f32(out: usize, x: usize, begin: i32, end: i32, tid: i32): void { unary(RELU6, out, x, 0, 0, begin, end); }
export function sign_f32(out: usize, x: usize, begin: i32, end: i32, tid: i32): void { unary(SIGN, out, x, 0, 0, begin, end); }
export function exp_f32(out: usize, x: usize, begin: i32, end: i32, tid: i32): void { unary(EXP, out, x, 0, 0, begin, end); }
export function log_f32(out: usize, x: usize, begin: i32, end: i32, tid: i32): void { unary(LOG, out, x, 0, 0, begin, end); }
export function tanh_f32(out: usize, x: usize, begin: i32, end: i32, tid: i32): void { unary(TANH, out, x, 0, 0, begin, end); }
export function sigmoid_f32(out: usize, x: usize, begin: i32, end: i32, tid: i32): void { unary(SIGMOID, out, x, 0, 0, begin, end); }
export function leaky_relu_f32(out: usize, x: usize, alpha: f32, begin: i32, end: i32, tid: i32): void { unary(LEAKY_RELU, out, x, alpha, 0, begin, end); }
export function clip_f32(out: usize, x: usize, min: f32, max: f32, begin: i32, end: i32, tid: i32): void { unary(CLIP, out, x, min, max, begin, end); }

/** int32 abs, neg and square wrap modulo 2^32, as the CPU backend's do. */
@inline
function unaryInt(op: i32, out: usize, x: usize, begin: i32, end: i32): void {
  let i = begin;
  for (; i + 4 <= end; i += 4) {
    const o = <usize>i << 2;
    const v = v128.load(x + o);
    v128.store(out + o, op == ABS ? i32x4.abs(v) : op == NEG ? i32x4.neg(v) : i32x4.mul(v, v));
  }
  for (; i < end; i++) {
    const o = <usize>i << 2;
    const v = load<i32>(x + o);
    store<i32>(out + o, op == ABS ? (v < 0 ? -v : v) : op == NEG ? -v : v * v);
  }
}

export function abs_i32(out: usize, x: usize, begin: i32, end: i32, tid: i32): void { unaryInt(ABS, out, x, begin, end); }
export function neg_i32(out: usize, x: usize, begin: i32, end: i32, tid: i32): void { unaryInt(NEG, out, x, begin, end); }
export function square_i32(out: usize, x: usize, begin: i32, end: i32, tid: i32): void { unaryInt(SQUARE, out, x, begin, end); }
