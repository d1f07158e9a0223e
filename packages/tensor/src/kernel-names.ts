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

export type ReduceKernelName = 'Sum' | 'Prod' | 'Max' | 'Min';
export type ArgReduceKernelName = 'ArgMax' | 'ArgMin';
export type PoolKernelName = 'MaxPool' | 'MaxPoolGrad' | 'AvgPool' | 'AvgPoolGrad';

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

/**
 * The typed contract: for every kernel, how many inputs it takes (`number` for any count) and the
 * attributes it receives. `runKernel`, `KernelConfig` and `GradConfig` are generic over it, so the
 * compiler checks every pairing of a kernel name with its inputs and attributes.
 */
export interface KernelSpec<Arity extends number, A> {
  inputs: Arity;
  attrs: A;
}

/** The attributes of a kernel that takes none. */
export type NoAttrs = Record<string, never>;

type UnarySpecs = { [N in UnaryKernelName]: KernelSpec<1, NoAttrs> };
type BinarySpecs = { [N in BinaryKernelName]: KernelSpec<2, NoAttrs> };

/** Every kernel a backend must implement. */
export interface RequiredKernels extends UnarySpecs, BinarySpecs {
  LeakyRelu: KernelSpec<1, LeakyReluAttrs>;
  ClipByValue: KernelSpec<1, ClipByValueAttrs>;
  Cast: KernelSpec<1, CastAttrs>;
  Select: KernelSpec<3, SelectAttrs>;
  Sum: KernelSpec<1, ReduceAttrs>;
  Prod: KernelSpec<1, ReduceAttrs>;
  Max: KernelSpec<1, ReduceAttrs>;
  Min: KernelSpec<1, ReduceAttrs>;
  ArgMax: KernelSpec<1, ArgReduceAttrs>;
  ArgMin: KernelSpec<1, ArgReduceAttrs>;
  BatchMatMul: KernelSpec<2, BatchMatMulAttrs>;
  Reshape: KernelSpec<1, ReshapeAttrs>;
  Transpose: KernelSpec<1, TransposeAttrs>;
  Concat: KernelSpec<number, ConcatAttrs>;
  Slice: KernelSpec<1, SliceAttrs>;
  StridedSlice: KernelSpec<1, StridedSliceAttrs>;
  StridedSliceGrad: KernelSpec<1, StridedSliceGradAttrs>;
  Gather: KernelSpec<2, GatherAttrs>;
  UnsortedSegmentSum: KernelSpec<2, UnsortedSegmentSumAttrs>;
  Pad: KernelSpec<1, PadAttrs>;
  Tile: KernelSpec<1, TileAttrs>;
  BroadcastTo: KernelSpec<1, BroadcastToAttrs>;
  OneHot: KernelSpec<1, OneHotAttrs>;
  Conv2D: KernelSpec<2, ConvAttrs>;
  Conv2DBackpropInput: KernelSpec<2, ConvAttrs>;
  Conv2DBackpropFilter: KernelSpec<2, ConvAttrs>;
  DepthwiseConv2D: KernelSpec<2, DepthwiseConvAttrs>;
  DepthwiseConv2DBackpropInput: KernelSpec<2, DepthwiseConvAttrs>;
  DepthwiseConv2DBackpropFilter: KernelSpec<2, DepthwiseConvAttrs>;
  MaxPool: KernelSpec<1, PoolAttrs>;
  MaxPoolGrad: KernelSpec<2, PoolAttrs>;
  AvgPool: KernelSpec<1, PoolAttrs>;
  AvgPoolGrad: KernelSpec<1, PoolAttrs>;
  RandomUniform: KernelSpec<0, RandomUniformAttrs>;
  RandomNormal: KernelSpec<0, RandomNormalAttrs>;
  TruncatedNormal: KernelSpec<0, TruncatedNormalAttrs>;
}

/**
 * `Dropout` (optional, fused): training-time dropout of a float32 tensor with a mask of its own shape,
 * in one pass. Element i is kept when the uniform of word i of (key, stream) is >= `rate` (as float32),
 * and becomes x * scale, else x * 0. Outputs [y, bits]: bits is int32 with ceil(size / 32) words, bit
 * i % 32 of word i / 32 set where element i was kept, for `DropoutGrad`. The result has the same bits as
 * the composite `mul(x, mul(cast(greaterEqual(randomUniform(...), rate)), scale))`.
 */
export interface DropoutAttrs { rate: number; scale: number; key: [number, number]; stream: [number, number] }
/** `DropoutGrad` (optional, with `Dropout`): inputs [dy, bits]; dx = dy * (kept ? scale : 0). */
export interface DropoutGradAttrs { scale: number }

/** The activations a fused matMul or conv2d applies in its last pass (others run as a separate op). */
export const FUSED_ACTIVATIONS = ['linear', 'relu', 'relu6', 'sigmoid', 'tanh'] as const;
export type FusedActivation = (typeof FUSED_ACTIVATIONS)[number];

/**
 * `FusedMatMul` (optional): activation(a b + bias) in one kernel, on BatchMatMul's rank-3 inputs with an
 * optional third input, bias [n]. The same bits as BatchMatMul, then Add, then the activation's kernel.
 */
export interface FusedMatMulAttrs { transposeA: boolean; transposeB: boolean; activation: FusedActivation }
/** `FusedConv2D` (optional): activation(conv2d(x, filter) + bias), inputs [x NHWC, filter HWIO, bias [outC]?]. */
export interface FusedConv2DAttrs { info: Conv2DInfo; activation: FusedActivation }

/**
 * Kernels a backend may add to run a composite op in one pass. The op checks `hasKernel` and otherwise
 * runs its composite form, which stays the reference the fused kernel is tested against.
 */
export interface OptionalKernels {
  Dropout: KernelSpec<1, DropoutAttrs>;
  DropoutGrad: KernelSpec<2, DropoutGradAttrs>;
  FusedMatMul: KernelSpec<number, FusedMatMulAttrs>;
  FusedConv2D: KernelSpec<number, FusedConv2DAttrs>;
}

export type KernelContract = RequiredKernels & OptionalKernels;
export type RequiredKernelName = keyof RequiredKernels;
export type OptionalKernelName = keyof OptionalKernels;
export type KernelName = RequiredKernelName | OptionalKernelName;

/** The attributes kernel `N` receives. */
export type KernelAttrs<N extends KernelName> = KernelContract[N]['attrs'];

/** A tuple of N Ts (the inputs of a kernel of arity N). */
export type Repeat<T, N extends number, R extends T[] = []> = number extends N ? T[] : R['length'] extends N ? R : Repeat<T, N, [...R, T]>;
/** The inputs a kernel takes, from its entry in the contract. */
export type Arity<N extends KernelName> = KernelContract[N]['inputs'];
/** The inputs of kernel `N`: a tuple of its arity (of `TensorInfo` for kernels, of `Tensor` for ops). */
export type KernelInputs<N extends KernelName, T> = Repeat<T, Arity<N>>;

/** Every required kernel's name, at run time. */
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
] as const satisfies readonly RequiredKernelName[];

/** Every optional kernel's name, at run time. */
export const OPTIONAL_KERNEL_NAMES = ['Dropout', 'DropoutGrad', 'FusedMatMul', 'FusedConv2D'] as const satisfies readonly OptionalKernelName[];

// The run-time lists name every kernel of the contract: a kernel added to one and not the other fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const requiredListed: Same<(typeof KERNEL_NAMES)[number], RequiredKernelName> = true;
const optionalListed: Same<(typeof OPTIONAL_KERNEL_NAMES)[number], OptionalKernelName> = true;
void requiredListed;
void optionalListed;
