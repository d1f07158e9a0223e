import { layerArgKeys } from '../../engine/layer.js';
import { NeuriteError } from '@neurite/tensor';
import type { LayerConfig } from '../../engine/layer.js';
import { checkPositiveInt } from '../core/arguments.js';
import { BaseConv, kernelSpecConfig, resolveKernelSpec, type ConvPaddingMode, type FilterConvArgs, type KernelSpec } from './base-conv.js';

export interface ConvArgs extends FilterConvArgs {
  /** Grouped convolution: only 1 (the default) is supported yet. */
  groups?: number;
}

/** Keras's `BaseConv` for Conv1D, Conv2D and Conv3D: a kernel [...kernelSize, inChannels, filters]. */
export abstract class Conv extends BaseConv {
  readonly filters: number;
  readonly groups: number;
  private readonly spec: KernelSpec;

  constructor(args: ConvArgs, spatialRank: 1 | 2 | 3, paddings: readonly ConvPaddingMode[]) {
    super(args, spatialRank, paddings);
    const cls = this.className;
    this.filters = checkPositiveInt(cls, 'filters', args.filters);
    this.groups = checkPositiveInt(cls, 'groups', args.groups ?? 1);
    if (this.groups !== 1) {
      throw new NeuriteError(`${cls}: groups other than 1 (grouped convolution) is not supported yet. Received: groups=${this.groups}`);
    }
    this.spec = resolveKernelSpec(cls, args);
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
    return this.spatialRank;
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      filters: this.filters,
      ...this.baseConvConfig(),
      groups: this.groups,
      ...kernelSpecConfig(this.spec),
    };
  }
}

/** The options of every layer of this kind beyond LayerArgs (checked against ConvArgs by the compiler). */
export const CONV_ARG_KEYS = layerArgKeys<ConvArgs>({ filters: true, kernelSize: true, strides: true, padding: true, dataFormat: true, dilationRate: true, activation: true, useBias: true, kernelInitializer: true, biasInitializer: true, kernelRegularizer: true, biasRegularizer: true, kernelConstraint: true, biasConstraint: true, groups: true });
