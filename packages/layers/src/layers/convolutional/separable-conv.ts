import { conv2d, depthwiseConv2d, reshape, tidy, type Tensor } from '@neurite/tensor';
import type { ConstraintIdentifier } from '../../constraints/constraint.js';
import type { InitializerIdentifier } from '../../initializers/initializer.js';
import type { RegularizerIdentifier } from '@neurite/regularizers';
import { Layer, layerArgKeys, type LayerConfig } from '../../engine/layer.js';
import type { LayerWeight } from '../../engine/layer-weight.js';
import { registerLayer } from '../../engine/layer-registry.js';
import type { LayerShape } from '../../engine/shape.js';
import { checkPositiveInt, resolveConstraint, resolveInitializer, resolveRegularizer, singleShape } from '../core/arguments.js';
import { BaseConv, kernelSpecConfig, type BaseConvArgs, type KernelSpec } from './base-conv.js';
import { checkSpatialInput } from './conv-geometry.js';

export interface SeparableConvArgs extends BaseConvArgs {
  /** Output channels. */
  filters: number;
  /** Depthwise filters per input channel (default 1). */
  depthMultiplier?: number;
  depthwiseInitializer?: InitializerIdentifier;
  pointwiseInitializer?: InitializerIdentifier;
  depthwiseRegularizer?: RegularizerIdentifier | null;
  pointwiseRegularizer?: RegularizerIdentifier | null;
  depthwiseConstraint?: ConstraintIdentifier | null;
  pointwiseConstraint?: ConstraintIdentifier | null;
}

const SEPARABLE_KEYS = layerArgKeys<SeparableConvArgs>({
  filters: true, kernelSize: true, strides: true, padding: true, dataFormat: true, dilationRate: true, activation: true, useBias: true,
  biasInitializer: true, biasRegularizer: true, biasConstraint: true, depthMultiplier: true, depthwiseInitializer: true,
  pointwiseInitializer: true, depthwiseRegularizer: true, pointwiseRegularizer: true, depthwiseConstraint: true, pointwiseConstraint: true,
});

/**
 * Keras's separable convolution: a depthwise convolution (`depthwise_kernel` [...kernelSize, inChannels,
 * depthMultiplier]) then a 1x1 convolution mixing the channels (`pointwise_kernel` [...1s, inChannels *
 * depthMultiplier, filters]), then the bias and activation. The 1-D layer runs as a 2-D one of height 1.
 */
abstract class SeparableConv extends BaseConv {
  readonly filters: number;
  readonly depthMultiplier: number;
  private readonly depthwise: KernelSpec;
  private readonly pointwise: KernelSpec;
  depthwiseKernel: LayerWeight | null = null;
  pointwiseKernel: LayerWeight | null = null;

  protected constructor(args: SeparableConvArgs, rank: 1 | 2) {
    super(args, rank, ['valid', 'same']);
    const cls = this.className;
    this.filters = checkPositiveInt(cls, 'filters', args.filters);
    this.depthMultiplier = checkPositiveInt(cls, 'depthMultiplier', args.depthMultiplier ?? 1);
    this.depthwise = {
      initializer: resolveInitializer(cls, 'depthwiseInitializer', args.depthwiseInitializer, 'glorotUniform'),
      regularizer: resolveRegularizer(cls, 'depthwiseRegularizer', args.depthwiseRegularizer),
      constraint: resolveConstraint(cls, 'depthwiseConstraint', args.depthwiseConstraint),
    };
    this.pointwise = {
      initializer: resolveInitializer(cls, 'pointwiseInitializer', args.pointwiseInitializer, 'glorotUniform'),
      regularizer: resolveRegularizer(cls, 'pointwiseRegularizer', args.pointwiseRegularizer),
      constraint: resolveConstraint(cls, 'pointwiseConstraint', args.pointwiseConstraint),
    };
  }

  protected kernelShape(inChannels: number): number[] {
    return [...this.kernelSize, inChannels, this.depthMultiplier];
  }

  protected kernelSpec(): KernelSpec {
    return this.depthwise;
  }

  protected outputChannels(): number {
    return this.filters;
  }

  protected kernelInputAxis(): number {
    return this.spatialRank;
  }

  /** Keras's three weights, in its order: depthwise_kernel, pointwise_kernel, bias. */
  override build(inputShape: LayerShape | LayerShape[]): void {
    const shape = singleShape(this.className, inputShape);
    this.computeOutputShape(shape);
    const inChannels = checkSpatialInput(this.className, shape, this.spatialRank, this.dataFormat);
    this.depthwiseKernel = this.addWeight({ name: 'depthwise_kernel', shape: this.kernelShape(inChannels), ...this.depthwise });
    const ones = new Array<number>(this.spatialRank).fill(1);
    this.pointwiseKernel = this.addWeight({ name: 'pointwise_kernel', shape: [...ones, inChannels * this.depthMultiplier, this.filters], ...this.pointwise });
    // BaseConv's call checks the input's channels against `kernel`: the depthwise kernel holds them.
    this.kernel = this.depthwiseKernel;
    if (this.useBias) {
      this.bias = this.addWeight({ name: 'bias', shape: [this.filters], initializer: this.biasInitializer, regularizer: this.biasRegularizer, constraint: this.biasConstraint });
    }
    Layer.prototype.build.call(this, inputShape);
  }

  protected convolve(x: Tensor, depthwiseKernel: Tensor): Tensor {
    const pointwise = (this.pointwiseKernel as LayerWeight).read();
    const first = this.dataFormat === 'channelsFirst';
    return tidy(() => {
      // 1-D: a 2-D convolution over [batch, 1, steps, channels] (or [batch, channels, 1, steps]).
      const x2 = this.spatialRank === 2 ? x : reshape(x, first ? [x.shape[0], x.shape[1], 1, x.shape[2]] : [x.shape[0], 1, x.shape[1], x.shape[2]]);
      const dk = this.spatialRank === 2 ? depthwiseKernel : reshape(depthwiseKernel, [1, ...depthwiseKernel.shape]);
      const pk = this.spatialRank === 2 ? pointwise : reshape(pointwise, [1, ...pointwise.shape]);
      const pair = (v: number[]): [number, number] => (this.spatialRank === 2 ? [v[0], v[1]] : [1, v[0]]);
      const dataFormat = first ? 'NCHW' : 'NHWC';
      const depth = depthwiseConv2d(x2, dk, { strides: pair(this.strides), padding: this.padding as 'valid' | 'same', dataFormat, dilations: pair(this.dilationRate) });
      const y = conv2d(depth, pk, { dataFormat });
      if (this.spatialRank === 2) return y;
      return first ? reshape(y, [y.shape[0], y.shape[1], y.shape[3]]) : reshape(y, [y.shape[0], y.shape[2], y.shape[3]]);
    });
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      filters: this.filters,
      depthMultiplier: this.depthMultiplier,
      ...this.baseConvConfig(),
      ...kernelSpecConfig(this.depthwise, 'depthwise'),
      ...kernelSpecConfig(this.pointwise, 'pointwise'),
    };
  }
}

/** Keras's `SeparableConv1D`. */
export class SeparableConv1D extends SeparableConv {
  static override className = 'SeparableConv1D';
  static override argKeys = SEPARABLE_KEYS;
  constructor(args: SeparableConvArgs) {
    super(args, 1);
  }
}

/** Keras's `SeparableConv2D`. */
export class SeparableConv2D extends SeparableConv {
  static override className = 'SeparableConv2D';
  static override argKeys = SEPARABLE_KEYS;
  constructor(args: SeparableConvArgs) {
    super(args, 2);
  }
}

registerLayer(SeparableConv1D);
registerLayer(SeparableConv2D);

