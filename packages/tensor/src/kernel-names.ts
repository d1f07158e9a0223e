/**
 * The kernel contract between ops and backends: every kernel's name, and the attributes it receives.
 * Ops compute everything shape-related (broadcast shapes, explicit paddings, normalised axes) before
 * calling a kernel, so backends only do arithmetic.
 */
import type { DType } from './types.js';

/** Elementwise kernels with one input and no attributes. */
export const UNARY_KERNELS = [
  'Abs', 'Neg', 'Sign', 'Square', 'Sqrt', 'Rsqrt', 'Exp', 'Log', 'Log1p',
  'Relu', 'Relu6', 'Elu', 'Selu', 'Gelu', 'Sigmoid', 'Tanh', 'Softplus', 'Softsign',
  'LogicalNot',
] as const;
export type UnaryKernelName = (typeof UNARY_KERNELS)[number];

/** Elementwise kernels with two inputs, NumPy broadcasting, and no attributes. */
export const BINARY_KERNELS = [
  'Add', 'Sub', 'Mul', 'Div', 'Pow', 'Maximum', 'Minimum',
  'Equal', 'NotEqual', 'Greater', 'GreaterEqual', 'Less', 'LessEqual',
  'LogicalAnd', 'LogicalOr',
] as const;
export type BinaryKernelName = (typeof BINARY_KERNELS)[number];

/** Binary kernels whose output is bool. */
export const COMPARISON_KERNELS: readonly BinaryKernelName[] = [
  'Equal', 'NotEqual', 'Greater', 'GreaterEqual', 'Less', 'LessEqual', 'LogicalAnd', 'LogicalOr',
];

export interface LeakyReluAttrs { alpha: number }
export interface ClipByValueAttrs { min: number; max: number }
export interface CastAttrs { dtype: DType }
/** `Select`: inputs [condition (bool), a, b], all broadcast to one shape. */
export type SelectAttrs = Record<string, never>;

/** `Sum`, `Prod`, `Max`, `Min`: reduce over `axes` (sorted, distinct); the output drops those axes. */
export interface ReduceAttrs { axes: number[] }
/** `ArgMax`, `ArgMin`: one axis; int32 output without that axis. */
export interface ArgReduceAttrs { axis: number }

/**
 * `BatchMatMul`: inputs of rank 3, a: [batchA, m, k] (or [batchA, k, m] with transposeA) and
 * b: [batchB, k, n] (or [batchB, n, k]); batchA and batchB are equal or one of them is 1.
 */
export interface BatchMatMulAttrs { transposeA: boolean; transposeB: boolean }

/** `Reshape` shares the input's buffer: backends return the input's dataId with the new shape. */
export interface ReshapeAttrs { shape: number[] }
export interface TransposeAttrs { perm: number[] }
/** `Concat`: any number of inputs, same shape except along `axis`. */
export interface ConcatAttrs { axis: number }
export interface SliceAttrs { begin: number[]; size: number[] }
/** Normalised by the op: `begin`/`strides` per axis and the output `size`; element j of axis i is begin[i] + j * strides[i]. */
export interface StridedSliceAttrs { begin: number[]; strides: number[]; size: number[] }
/** Scatters `dy` back into zeros of `inputShape` at the positions `StridedSlice` read from. */
export interface StridedSliceGradAttrs extends StridedSliceAttrs { inputShape: number[] }
/** `Gather`: inputs [x, indices (int32)]; output shape x.shape[:axis] + indices.shape + x.shape[axis+1:]. */
export interface GatherAttrs { axis: number }
/** `UnsortedSegmentSum`: inputs [x, segmentIds (int32, shape x.shape[0])], output [numSegments, ...x.shape[1:]]. */
export interface UnsortedSegmentSumAttrs { numSegments: number }
export interface PadAttrs { paddings: [number, number][]; constantValue: number }
export interface TileAttrs { reps: number[] }
export interface BroadcastToAttrs { shape: number[] }
/** `OneHot`: input int32 indices; output float32 with a new last axis of `depth`. */
export interface OneHotAttrs { depth: number; onValue: number; offValue: number }

/** Explicit padding, computed by the op from 'valid' | 'same' | 'causal'. */
export interface Pad2D { top: number; bottom: number; left: number; right: number }

/**
 * 2-D convolution geometry in channels-last layout, shared by every conv and pool kernel. Ops transpose
 * channels-first inputs and reshape 1-D ones before calling kernels.
 */
export interface Conv2DInfo {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  dilationHeight: number;
  dilationWidth: number;
  pad: Pad2D;
  /** Depthwise only: output channels per input channel. */
  channelMultiplier: number;
}

/** `Conv2D` inputs [x NHWC, filter HWIO]; `Conv2DBackpropInput` inputs [dy, filter]; `Conv2DBackpropFilter` inputs [x, dy]. */
export interface ConvAttrs { info: Conv2DInfo }
/** `DepthwiseConv2D` inputs [x NHWC, filter [fh, fw, inC, multiplier]]; its two backprop kernels as for Conv2D. */
export type DepthwiseConvAttrs = ConvAttrs;
/** `MaxPool`, `AvgPool`: input NHWC; `MaxPoolGrad` inputs [dy, x]; `AvgPoolGrad` inputs [dy]. */
export interface PoolAttrs { info: Conv2DInfo }

/** Random kernels: a pure function of (key, stream, element index); see `randomWords`. */
export interface RandomUniformAttrs { shape: number[]; dtype: DType; min: number; max: number; key: [number, number]; stream: [number, number] }
export interface RandomNormalAttrs { shape: number[]; mean: number; stddev: number; key: [number, number]; stream: [number, number] }
export type TruncatedNormalAttrs = RandomNormalAttrs;

export const KERNEL_NAMES = [
  ...UNARY_KERNELS, ...BINARY_KERNELS,
  'LeakyRelu', 'ClipByValue', 'Cast', 'Select',
  'Sum', 'Prod', 'Max', 'Min', 'ArgMax', 'ArgMin',
  'BatchMatMul',
  'Reshape', 'Transpose', 'Concat', 'Slice', 'StridedSlice', 'StridedSliceGrad', 'Gather', 'UnsortedSegmentSum',
  'Pad', 'Tile', 'BroadcastTo', 'OneHot',
  'Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter',
  'DepthwiseConv2D', 'DepthwiseConv2DBackpropInput', 'DepthwiseConv2DBackpropFilter',
  'MaxPool', 'MaxPoolGrad', 'AvgPool', 'AvgPoolGrad',
  'RandomUniform', 'RandomNormal', 'TruncatedNormal',
] as const;
export type KernelName = (typeof KERNEL_NAMES)[number];
