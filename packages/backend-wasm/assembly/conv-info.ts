// The convolution geometry the host writes into memory (16 int32 fields, in this order) before calling
// a conv or pool kernel. Mirrors Conv2DInfo of the tensor core (NHWC input, HWIO filter).

export const BATCH: usize = 0;
export const IN_H: usize = 4;
export const IN_W: usize = 8;
export const IN_C: usize = 12;
export const OUT_H: usize = 16;
export const OUT_W: usize = 20;
export const OUT_C: usize = 24;
export const F_H: usize = 28;
export const F_W: usize = 32;
export const STRIDE_H: usize = 36;
export const STRIDE_W: usize = 40;
export const DIL_H: usize = 44;
export const DIL_W: usize = 48;
export const PAD_TOP: usize = 52;
export const PAD_LEFT: usize = 56;
export const MULTIPLIER: usize = 60;

@inline
export function field(info: usize, at: usize): i32 {
  return load<i32>(info + at);
}
