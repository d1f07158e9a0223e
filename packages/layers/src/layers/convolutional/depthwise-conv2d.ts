import { layerArgKeys } from '../../engine/layer.js';
import { depthwiseConv2d, type Tensor } from '@neurite/tensor';
import type { ConstraintIdentifier } from '../../constraints/constraint.js';
import type { InitializerIdentifier } from '../../initializers/initializer.js';
import type { RegularizerIdentifier } from '@neurite/regularizers';
import type { LayerConfig } from '../../engine/layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { checkPositiveInt, resolveConstraint, resolveInitializer, resolveRegularizer } from '../core/arguments.js';
import { BaseConv, kernelSpecConfig, type BaseConvArgs, type KernelSpec } from './base-conv.js';

export interface DepthwiseConv2DArgs extends BaseConvArgs {
  /** Output channels per input channel (default 1). */
  depthMultiplier?: number;
  depthwiseInitializer?: InitializerIdentifier;
  depthwiseRegularizer?: RegularizerIdentifier | null;
  depthwiseConstraint?: ConstraintIdentifier | null;
}

/**
 * Keras's `DepthwiseConv2D`: each input channel is convolved with its own `depthMultiplier` filters (kernel
 * [kernelHeight, kernelWidth, inChannels, depthMultiplier]), giving inChannels * depthMultiplier channels.
 */
export class DepthwiseConv2D extends BaseConv {
  static override className = 'DepthwiseConv2D';
  static override argKeys = layerArgKeys<DepthwiseConv2DArgs>({ kernelSize: true, strides: true, padding: true, dataFormat: true, dilationRate: true, activation: true, useBias: true, biasInitializer: true, biasRegularizer: true, biasConstraint: true, depthMultiplier: true, depthwiseInitializer: true, depthwiseRegularizer: true, depthwiseConstraint: true });

  readonly depthMultiplier: number;
  private readonly spec: KernelSpec;

  constructor(args: DepthwiseConv2DArgs) {
    super(args, 2, ['valid', 'same']);
    const cls = 'DepthwiseConv2D';
    this.depthMultiplier = checkPositiveInt(cls, 'depthMultiplier', args.depthMultiplier ?? 1);
    this.spec = {
      initializer: resolveInitializer(cls, 'depthwiseInitializer', args.depthwiseInitializer, 'glorotUniform'),
      regularizer: resolveRegularizer(cls, 'depthwiseRegularizer', args.depthwiseRegularizer),
      constraint: resolveConstraint(cls, 'depthwiseConstraint', args.depthwiseConstraint),
    };
  }

  protected kernelShape(inChannels: number): number[] {
    return [...this.kernelSize, inChannels, this.depthMultiplier];
  }

  protected kernelSpec(): KernelSpec {
    return this.spec;
  }

  protected outputChannels(inChannels: number): number {
    return inChannels * this.depthMultiplier;
  }

  protected kernelInputAxis(): number {
    return 2;
  }

  protected convolve(x: Tensor, kernel: Tensor): Tensor {
    return depthwiseConv2d(x, kernel, {
      strides: [this.strides[0], this.strides[1]],
      padding: this.padding as 'valid' | 'same',
      dataFormat: this.dataFormat === 'channelsFirst' ? 'NCHW' : 'NHWC',
      dilations: [this.dilationRate[0], this.dilationRate[1]],
    });
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      depthMultiplier: this.depthMultiplier,
      ...this.baseConvConfig(),
      ...kernelSpecConfig(this.spec, 'depthwise'),
    };
  }
}

registerLayer(DepthwiseConv2D);
