// The WebAssembly module's exports: every kernel the host calls. Pointers are byte offsets into the
// memory the host owns; kernels that threads share take (begin, end, tid) last: their units of work
// and the thread's index (for its scratch space).
export { gemm_scratch_bytes, matmul } from './gemm';
export { conv_forward, conv_filter_grad, conv_input_grad } from './conv';
export {
  add_f32, sub_f32, mul_f32, div_f32, max_f32, min_f32, eq_f32, ne_f32, gt_f32, ge_f32, lt_f32, le_f32,
  add_i32, sub_i32, mul_i32, max_i32, min_i32, eq_i32, ne_i32, gt_i32, ge_i32, lt_i32, le_i32,
  strided_copy_4, strided_copy_1,
} from './binary';
export {
  abs_f32, neg_f32, square_f32, sqrt_f32, rsqrt_f32, relu_f32, relu6_f32, sign_f32, exp_f32, log_f32, tanh_f32,
  sigmoid_f32, leaky_relu_f32, clip_f32, abs_i32, neg_i32, square_i32,
} from './unary';
export { cast_f32_i32, cast_i32_f32, cast_bool_f32, cast_bool_i32, cast_f32_bool, cast_i32_bool, select_4 } from './cast';
export { sum_f32, max_reduce_f32, min_reduce_f32, sum_i32, max_reduce_i32, min_reduce_i32, sum_partials_f32, sum_f64_to_f32 } from './reduce';
export { random_words, random_uniform_f32, dropout_f32, dropout_grad_f32 } from './philox';
export { warm_up, warm_up_bytes } from './warm-up';
export { max_pool, avg_pool, max_pool_grad, avg_pool_grad } from './pool';
export { depthwise_forward, depthwise_input_grad, depthwise_filter_grad } from './depthwise';
export { gather_4, gather_1 } from './gather';
