import { NeuriteError, dropout, type Tensor } from '@neurite/tensor';
import { type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { SeededLayer } from '../../engine/seeded-layer.js';
import type { LayerShape } from '../../engine/shape.js';
import type { DataFormat } from '../core/arguments.js';
import { argError, checkInputRank, checkRate, singleInput } from './validate.js';

export interface SpatialDropoutArgs extends LayerArgs {
  /** Fraction of the feature maps to drop, in [0, 1]. */
  rate: number;
  /** Where the channels axis is: 'channelsLast' (default, `[batch, ...spatial, channels]`) or 'channelsFirst'. */
  dataFormat?: DataFormat;
  /** Makes the sequence of masks reproducible; without it masks come from the global generator. */
  seed?: number | null;
}

/**
 * The shared part of SpatialDropout1D/2D/3D: inverted dropout whose mask has one value per sample and
 * channel, so whole feature maps are dropped (adjacent pixels are correlated, so dropping single units
 * regularises little).
 */
export abstract class SpatialDropout extends SeededLayer {
  readonly rate: number;
  readonly dataFormat: DataFormat;

  protected constructor(
    args: SpatialDropoutArgs,
    /** Number of spatial axes (1, 2 or 3): the input has rank spatialRank + 2. */
    readonly spatialRank: number,
  ) {
    super(args);
    this.supportsMasking = true; // a sequence mask passes through unchanged, as in Keras
    const cls = this.className;
    this.rate = checkRate(cls, args?.rate);
    const dataFormat = args.dataFormat ?? 'channelsLast';
    if (dataFormat !== 'channelsLast' && dataFormat !== 'channelsFirst') {
      throw argError(cls, 'dataFormat', "'channelsLast' or 'channelsFirst'", dataFormat);
    }
    this.dataFormat = dataFormat;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    checkInputRank(this.className, inputShape, this.spatialRank + 2);
    super.build(inputShape);
  }

  /** `[batch, 1, .., channels]` or `[batch, channels, 1, ..]`. */
  protected noiseShape(shape: readonly number[]): number[] {
    const ones = new Array<number>(this.spatialRank).fill(1);
    return this.dataFormat === 'channelsLast'
      ? [shape[0], ...ones, shape[shape.length - 1]]
      : [shape[0], shape[1], ...ones];
  }

  call(inputs: Tensor | Tensor[], { training }: Required<CallOptions>): Tensor {
    const x = singleInput(this.className, inputs);
    if (x.rank !== this.spatialRank + 2) {
      throw new NeuriteError(`${this.className}: expected an input of rank ${this.spatialRank + 2}. Received: inputShape=[${x.shape.join(', ')}]`);
    }
    if (!training) return x.clone();
    return dropout(x, this.rate, { noiseShape: this.noiseShape(x.shape), seed: this.seedGenerator });
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), rate: this.rate, dataFormat: this.dataFormat };
  }
}

/** The options of every layer of this kind beyond LayerArgs (checked against SpatialDropoutArgs by the compiler). */
export const SPATIAL_DROPOUT_ARG_KEYS = layerArgKeys<SpatialDropoutArgs>({ rate: true, dataFormat: true, seed: true });
