import { NeuriteError, add, reshape, tidy, type FusedActivation, type Tensor } from '@neurite/tensor';
import type { Regularizer, RegularizerIdentifier } from '@neurite/regularizers';
import type { Constraint, ConstraintIdentifier } from '../../constraints/constraint.js';
import type { Initializer, InitializerIdentifier } from '../../initializers/initializer.js';
import { fusableActivation, getActivation, serializeActivation, type Activation, type ActivationFunction } from '../../activations/activation-registry.js';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig } from '../../engine/layer.js';
import type { LayerWeight } from '../../engine/layer-weight.js';
import { describeShape, type LayerShape } from '../../engine/shape.js';
import {
  channelAxis, checkBoolean, checkDataFormat, checkOneOf, checkTuple, constraintConfig, initializerConfig,
  regularizerConfig, resolveConstraint, resolveInitializer, resolveRegularizer, singleInput, singleShape,
  type DataFormat,
} from '../core/arguments.js';
import { checkSpatialInput, convOutputLength, layoutName, spatialOutputShape } from './conv-geometry.js';

export type ConvPaddingMode = 'valid' | 'same' | 'causal';

/** Arguments every convolution takes (the kernel's own initializer/regularizer/constraint come per layer). */
export interface BaseConvArgs extends LayerArgs {
  /** An integer or one per spatial axis. */
  kernelSize: number | number[];
  /** Default 1. */
  strides?: number | number[];
  /** 'valid' (default) or 'same'; Conv1D also takes 'causal'. */
  padding?: ConvPaddingMode;
  /** 'channelsLast' (default) or 'channelsFirst'. */
  dataFormat?: DataFormat;
  /** Default 1; strides and dilation rates cannot both exceed 1. */
  dilationRate?: number | number[];
  activation?: string | ActivationFunction | null;
  useBias?: boolean;
  biasInitializer?: InitializerIdentifier;
  biasRegularizer?: RegularizerIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
}

/** What a concrete convolution says about its kernel weight. */
export interface KernelSpec {
  initializer: Initializer;
  regularizer: Regularizer | null;
  constraint: Constraint | null;
}

/**
 * The shared part of Keras's convolution layers: argument checks, bias and activation, the input checks at
 * build and call time, the output shape and the common config. Subclasses describe the kernel and run the
 * convolution op.
 */
export abstract class BaseConv extends Layer {
  readonly spatialRank: 1 | 2 | 3;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: ConvPaddingMode;
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];
  readonly activation: Activation;
  readonly useBias: boolean;
  readonly biasInitializer: Initializer;
  readonly biasRegularizer: Regularizer | null;
  readonly biasConstraint: Constraint | null;
  kernel: LayerWeight | null = null;
  bias: LayerWeight | null = null;

  constructor(args: BaseConvArgs, spatialRank: 1 | 2 | 3, paddings: readonly ConvPaddingMode[]) {
    super(args);
    const cls = (new.target as unknown as { className: string }).className;
    this.spatialRank = spatialRank;
    this.kernelSize = checkTuple(cls, 'kernelSize', args?.kernelSize, spatialRank);
    this.strides = checkTuple(cls, 'strides', args.strides ?? 1, spatialRank);
    this.padding = checkOneOf(cls, 'padding', args.padding ?? 'valid', paddings);
    this.dataFormat = checkDataFormat(cls, args.dataFormat);
    this.dilationRate = checkTuple(cls, 'dilationRate', args.dilationRate ?? 1, spatialRank);
    if (this.strides.some((s) => s > 1) && this.dilationRate.some((d) => d > 1)) {
      throw new NeuriteError(
        `${cls}: strides > 1 cannot be combined with dilationRate > 1. Received: strides=[${this.strides}], dilationRate=[${this.dilationRate}]`,
      );
    }
    this.activation = getActivation(args.activation);
    this.useBias = checkBoolean(cls, 'useBias', args.useBias ?? true);
    this.biasInitializer = resolveInitializer(cls, 'biasInitializer', args.biasInitializer, 'zeros');
    this.biasRegularizer = resolveRegularizer(cls, 'biasRegularizer', args.biasRegularizer);
    this.biasConstraint = resolveConstraint(cls, 'biasConstraint', args.biasConstraint);
  }

  /** The kernel's shape for inputs of `inChannels` channels. */
  protected abstract kernelShape(inChannels: number): number[];

  /** The kernel's initializer, regularizer and constraint. */
  protected abstract kernelSpec(): KernelSpec;

  /** The number of output channels for `inChannels` input channels. */
  protected abstract outputChannels(inChannels: number): number;

  /**
   * The convolution with the bias added and `activation` applied in one op, for layers that have a
   * fused op (Conv2D); null where the layer has none and the separate ops run.
   */
  protected convolveFused(_x: Tensor, _kernel: Tensor, _bias: Tensor | null, _activation: FusedActivation): Tensor | null {
    return null;
  }

  /** The convolution op itself (no bias, no activation). */
  protected abstract convolve(x: Tensor, kernel: Tensor): Tensor;

  /** The kernel axis holding the input channels. */
  protected abstract kernelInputAxis(): number;

  /** One spatial axis's output size. */
  protected outputLength(size: number | null, axis: number): number | null {
    return convOutputLength(size, this.kernelSize[axis], this.padding, this.strides[axis], this.dilationRate[axis]);
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    const shape = singleShape(this.className, inputShape);
    this.computeOutputShape(shape);
    const inChannels = checkSpatialInput(this.className, shape, this.spatialRank, this.dataFormat);
    const spec = this.kernelSpec();
    this.kernel = this.addWeight({ name: 'kernel', shape: this.kernelShape(inChannels), ...spec });
    if (this.useBias) {
      this.bias = this.addWeight({
        name: 'bias',
        shape: [this.outputChannels(inChannels)],
        initializer: this.biasInitializer,
        regularizer: this.biasRegularizer,
        constraint: this.biasConstraint,
      });
    }
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    const x = singleInput(this.className, inputs);
    const kernel = (this.kernel as LayerWeight).read();
    const expectedChannels = kernel.shape[this.kernelInputAxis()];
    const rank = this.spatialRank + 2;
    if (x.rank !== rank || x.shape[channelAxis(this.dataFormat, rank)] !== expectedChannels) {
      throw new NeuriteError(
        `${this.className}: expected input of rank ${rank} (${layoutName(this.dataFormat, this.spatialRank)}) with ${expectedChannels} channels (the layer was built for it). Received: shape=${describeShape(x.shape)}`,
      );
    }
    return tidy(() => {
      const fusable = fusableActivation(this.activation);
      const fused = this.convolveFused(x, kernel, this.bias ? this.bias.read() : null, fusable ?? 'linear');
      if (fused) return fusable ? fused : this.activation(fused);
      let y = this.convolve(x, kernel);
      if (this.bias) {
        const bias = this.bias.read();
        // channelsFirst: the bias runs along axis 1, so give it trailing unit axes to broadcast.
        y = add(y, this.dataFormat === 'channelsFirst' ? reshape(bias, [bias.shape[0], ...new Array<number>(this.spatialRank).fill(1)]) : bias);
      }
      return this.activation(y);
    });
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shape = singleShape(this.className, inputShape);
    const inChannels = checkSpatialInput(this.className, shape, this.spatialRank, this.dataFormat);
    return spatialOutputShape(this.className, shape, this.dataFormat, this.outputChannels(inChannels), (size, axis) =>
      this.outputLength(size, axis),
    );
  }

  /** The config keys every convolution shares; the kernel's keys come from the subclass. */
  protected baseConvConfig(): LayerConfig {
    return {
      kernelSize: [...this.kernelSize],
      strides: [...this.strides],
      padding: this.padding,
      dataFormat: this.dataFormat,
      dilationRate: [...this.dilationRate],
      activation: serializeActivation(this.activation),
      useBias: this.useBias,
      biasInitializer: initializerConfig(this.biasInitializer),
      biasRegularizer: regularizerConfig(this.biasRegularizer),
      biasConstraint: constraintConfig(this.biasConstraint),
    };
  }
}

/** Arguments of a convolution whose kernel is a plain `kernel` (Conv1D, Conv2D, Conv2DTranspose). */
export interface FilterConvArgs extends BaseConvArgs {
  /** Number of output channels. */
  filters: number;
  kernelInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
}

/** Resolved kernel options of a `FilterConvArgs` layer. */
export function resolveKernelSpec(cls: string, args: FilterConvArgs): KernelSpec {
  return {
    initializer: resolveInitializer(cls, 'kernelInitializer', args.kernelInitializer, 'glorotUniform'),
    regularizer: resolveRegularizer(cls, 'kernelRegularizer', args.kernelRegularizer),
    constraint: resolveConstraint(cls, 'kernelConstraint', args.kernelConstraint),
  };
}

/** The config keys of a kernel spec, under Keras's `kernel*` names. */
export function kernelSpecConfig(spec: KernelSpec, prefix = 'kernel'): LayerConfig {
  return {
    [`${prefix}Initializer`]: initializerConfig(spec.initializer),
    [`${prefix}Regularizer`]: regularizerConfig(spec.regularizer),
    [`${prefix}Constraint`]: constraintConfig(spec.constraint),
  };
}
