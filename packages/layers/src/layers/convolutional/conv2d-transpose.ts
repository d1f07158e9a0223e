import { layerArgKeys } from '../../engine/layer.js';
import { conv2dTranspose, type Tensor } from '@neurite/tensor';
import type { LayerConfig } from '../../engine/layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { argError, checkPositiveInt, spatialAxes } from '../core/arguments.js';
import { BaseConv, kernelSpecConfig, resolveKernelSpec, type FilterConvArgs, type KernelSpec } from './base-conv.js';
import { deconvOutputLength } from './conv-geometry.js';

export interface Conv2DTransposeArgs extends FilterConvArgs {
  /** Extra rows/columns on the output's far side: only null (the default) is supported yet. */
  outputPadding?: null;
}

/**
 * Keras's `Conv2DTranspose` (sometimes called deconvolution): the transpose of a Conv2D, mapping
 * [batch, height, width, channels] to [batch, height * stride (+ overlap for 'valid'), ..., filters], with a
 * kernel [kernelHeight, kernelWidth, filters, inChannels].
 */
export class Conv2DTranspose extends BaseConv {
  static override className = 'Conv2DTranspose';
  static override argKeys = layerArgKeys<Conv2DTransposeArgs>({ filters: true, kernelSize: true, strides: true, padding: true, dataFormat: true, dilationRate: true, activation: true, useBias: true, kernelInitializer: true, biasInitializer: true, kernelRegularizer: true, biasRegularizer: true, kernelConstraint: true, biasConstraint: true, outputPadding: true });

  readonly filters: number;
  readonly outputPadding: null = null;
  private readonly spec: KernelSpec;

  constructor(args: Conv2DTransposeArgs) {
    super(args, 2, ['valid', 'same']);
    const cls = 'Conv2DTranspose';
    this.filters = checkPositiveInt(cls, 'filters', args.filters);
    if (args.outputPadding != null) {
      throw argError(cls, 'outputPadding', 'null (other output paddings are not supported yet)', args.outputPadding);
    }
    this.spec = resolveKernelSpec(cls, args);
  }

  protected kernelShape(inChannels: number): number[] {
    return [...this.kernelSize, this.filters, inChannels];
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

  protected override outputLength(size: number | null, axis: number): number | null {
    return deconvOutputLength(size, this.kernelSize[axis], this.padding, this.strides[axis], this.dilationRate[axis]);
  }

  protected convolve(x: Tensor, kernel: Tensor): Tensor {
    const outputShape = [...x.shape];
    spatialAxes(this.dataFormat, 4).forEach((axis, i) => {
      outputShape[axis] = this.outputLength(x.shape[axis], i) as number;
    });
    outputShape[this.dataFormat === 'channelsFirst' ? 1 : 3] = this.filters;
    return conv2dTranspose(x, kernel, outputShape, {
      strides: [this.strides[0], this.strides[1]],
      padding: this.padding as 'valid' | 'same',
      dataFormat: this.dataFormat === 'channelsFirst' ? 'NCHW' : 'NHWC',
      dilations: [this.dilationRate[0], this.dilationRate[1]],
    });
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      filters: this.filters,
      ...this.baseConvConfig(),
      outputPadding: null,
      ...kernelSpecConfig(this.spec),
    };
  }
}

registerLayer(Conv2DTranspose);
