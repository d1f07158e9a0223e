import { layerArgKeys, type LayerConfig } from '../../engine/layer.js';
import type { Tensor } from '@neurite/tensor';
import { registerLayer } from '../../engine/layer-registry.js';
import { argError, checkPositiveInt } from '../core/arguments.js';
import { BaseConv, kernelSpecConfig, resolveKernelSpec, type FilterConvArgs, type KernelSpec } from './base-conv.js';
import { conv3dBySlices } from './volume-ops.js';

export interface Conv3DArgs extends FilterConvArgs {
  /** Only 1 (grouped convolution is not supported). */
  groups?: number;
}

/** Keras's `Conv3D` over [batch, depth, height, width, channels]: kernel [kd, kh, kw, inChannels, filters]. */
export class Conv3D extends BaseConv {
  static override className = 'Conv3D';
  static override argKeys = layerArgKeys<Conv3DArgs>({
    filters: true, kernelSize: true, strides: true, padding: true, dataFormat: true, dilationRate: true, groups: true, activation: true,
    useBias: true, kernelInitializer: true, biasInitializer: true, kernelRegularizer: true, biasRegularizer: true, kernelConstraint: true, biasConstraint: true,
  });

  readonly filters: number;
  private readonly spec: KernelSpec;

  constructor(args: Conv3DArgs) {
    super(args, 3, ['valid', 'same']);
    this.filters = checkPositiveInt('Conv3D', 'filters', args.filters);
    if ((args.groups ?? 1) !== 1) throw argError('Conv3D', 'groups', '1 (grouped convolution is not supported)', args.groups);
    this.spec = resolveKernelSpec('Conv3D', args);
  }

  protected kernelShape(inChannels: number): number[] {
    return [...this.kernelSize, inChannels, this.filters];
  }

  protected kernelSpec(): KernelSpec {
    return this.spec;
  }

  protected outputChannels(): number {
    return this.filters;
  }

  protected kernelInputAxis(): number {
    return 3;
  }

  protected convolve(x: Tensor, kernel: Tensor): Tensor {
    return conv3dBySlices(x, kernel, this.strides, this.padding as 'valid' | 'same', this.dilationRate, this.dataFormat === 'channelsFirst');
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), filters: this.filters, ...this.baseConvConfig(), groups: 1, ...kernelSpecConfig(this.spec) };
  }
}

registerLayer(Conv3D);
