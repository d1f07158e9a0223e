// The activations a fused matMul or conv applies as it writes its result, shared with the unary kernels
// so that fused and unfused paths give the same bits.

import { sigmoidVec, tanhVec, sigmoidOne, tanhOne } from './math';

export const LINEAR: i32 = 0;
export const RELU: i32 = 1;
export const RELU6: i32 = 2;
export const SIGMOID: i32 = 3;
export const TANH: i32 = 4;

/** relu keeps NaN (x < 0 is false for it) and -0, as the CPU backend's `x < 0 ? 0 : x` does. */
@inline
export function reluVec(v: v128): v128 {
  const zero = f32x4.splat(0);
  return v128.bitselect(zero, v, f32x4.lt(v, zero));
}

@inline
export function relu6Vec(v: v128): v128 {
  const zero = f32x4.splat(0);
  const six = f32x4.splat(6);
  return v128.bitselect(zero, v128.bitselect(six, v, f32x4.gt(v, six)), f32x4.lt(v, zero));
}

@inline
export function activateVec(v: v128, act: i32): v128 {
  if (act == RELU) return reluVec(v);
  if (act == RELU6) return relu6Vec(v);
  if (act == SIGMOID) return sigmoidVec(v);
  if (act == TANH) return tanhVec(v);
  return v;
}

@inline
export function activateOne(v: f32, act: i32): f32 {
  if (act == RELU) return v < 0 ? 0 : v;
  if (act == RELU6) return v < 0 ? 0 : v > 6 ? 6 : v;
  if (act == SIGMOID) return sigmoidOne(v);
  if (act == TANH) return tanhOne(v);
  return v;
}
