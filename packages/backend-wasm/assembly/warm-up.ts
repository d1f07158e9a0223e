// A worker runs this once when it starts, before it takes jobs: WebAssembly code starts in the engine's
// baseline compiler and is optimized only once it has run a while, in each thread of its own. Without a
// warm-up, a worker's first dozen shares of each kernel run several times slower than the calling thread's.

import { matmul } from './gemm';
import { conv_forward, conv_filter_grad, conv_input_grad } from './conv';
import { add_f32, mul_f32 } from './binary';
import { relu_f32, exp_f32 } from './unary';
import { sum_f32 } from './reduce';
import { dropout_f32, dropout_grad_f32 } from './philox';
import { strided_copy_4 } from './binary';

/** Bytes `warm_up` needs at `base`. */
export function warm_up_bytes(): i32 {
  return 2 << 20;
}

/** Runs the main kernels a few times on small made-up problems inside [base, base + warm_up_bytes()). */
export function warm_up(base: usize): void {
  const info = base;
  const meta = base + 64;
  const a = base + 1024;
  const b = a + 16384;
  const c = b + 16384;
  const bits = c + 16384;
  const scratch = base + 65536;
  memory.fill(a, 0, 3 * 16384);
  // conv geometry: 1x8x8x4 input, 3x3 filter to 8 channels, stride 1, 'same' padding
  store<i32>(info, 1);
  store<i32>(info, 8, 4);
  store<i32>(info, 8, 8);
  store<i32>(info, 4, 12);
  store<i32>(info, 8, 16);
  store<i32>(info, 8, 20);
  store<i32>(info, 8, 24);
  store<i32>(info, 3, 28);
  store<i32>(info, 3, 32);
  store<i32>(info, 1, 36);
  store<i32>(info, 1, 40);
  store<i32>(info, 1, 44);
  store<i32>(info, 1, 48);
  store<i32>(info, 1, 52);
  store<i32>(info, 1, 56);
  store<i32>(info, 1, 60);
  // a rank-1 walk of 1024 contiguous elements for the binary kernels
  store<i32>(meta, 1);
  store<i32>(meta, 1024, 4);
  store<i32>(meta, 1, 8);
  store<i32>(meta, 1, 12);
  for (let round = 0; round < 4; round++) {
    matmul(1, 64, 64, 64, a, 0, 64, 1, b, 0, 64, 1, c, 0, 0, 1, scratch, 0, 8, 0);
    matmul(1, 64, 64, 64, a, 0, 1, 64, b, 0, 1, 64, c, b, 1, 2, scratch, 0, 16, 0);
    conv_forward(a, b, c, 0, 0, info, 2, scratch, 0, 16, 0);
    conv_filter_grad(a, c, b, info, 2, scratch, 0, 9, 0);
    conv_input_grad(c, b, a, info, 16, scratch, 0, 1, 0);
    add_f32(c, a, b, meta, 0, 1024, 0);
    mul_f32(c, a, b, meta, 0, 1024, 0);
    strided_copy_4(c, a, meta, 0, 1024, 0);
    relu_f32(c, a, 0, 1024, 0);
    exp_f32(c, a, 0, 1024, 0);
    sum_f32(c, a, 64, 64, scratch, 0, 1, 0);
    dropout_f32(c, bits, a, 1024, 1 << 31, 2, 0, 0, 1, 2, scratch, 0, 32, 0);
    dropout_grad_f32(a, c, bits, 1024, 2, 0, 32, 0);
  }
}
