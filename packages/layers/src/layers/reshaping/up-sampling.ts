import { expandDims, reshape, tidy, tile, type Tensor } from '@neurite/tensor';
import { type CallOptions, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { checkOneOf, singleInput } from '../core/arguments.js';
import { readSizes, SpatialEdit, type SpatialEditArgs } from './spatial-edit.js';

export interface UpSamplingArgs extends SpatialEditArgs {
  /** How many times each entry is repeated along each spatial axis; 2 by default. */
  size?: number | number[];
  /** 2-D only: 'nearest' (default; the only one Neurite has). */
  interpolation?: 'nearest';
}

abstract class UpSampling extends SpatialEdit {
  readonly size: number[];

  protected constructor(args: UpSamplingArgs, rank: number) {
    super(args, rank);
    this.size = readSizes(this.className, 'size', args?.size ?? 2, rank);
  }

  protected resize(size: number, axis: number): number {
    return size * this.size[axis];
  }

  /** Repeats every entry `size` times along each spatial axis (a new axis after it, tiled, then folded in). */
  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    const x = singleInput(this.className, inputs);
    const axes = this.axes(x.shape);
    return tidy(() => {
      let y = x;
      // From the last spatial axis to the first, so that earlier axis numbers stay valid.
      for (let i = axes.length - 1; i >= 0; i--) {
        const a = axes[i];
        const reps = y.shape.map(() => 1);
        reps.splice(a + 1, 0, this.size[i]);
        const repeated = tile(expandDims(y, { axis: a + 1 }), reps);
        const shape = [...y.shape];
        shape[a] *= this.size[i];
        y = reshape(repeated, shape);
      }
      return y;
    });
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), size: this.spatialRank === 1 ? this.size[0] : [...this.size] };
  }
}

/** Keras's `UpSampling1D`: repeats each step `size` times. */
export class UpSampling1D extends UpSampling {
  static override className = 'UpSampling1D';
  static override argKeys = layerArgKeys<UpSamplingArgs>({ size: true, dataFormat: true, interpolation: true });
  constructor(args: UpSamplingArgs = {}) {
    super(args, 1);
  }
}

/** Keras's `UpSampling2D` (nearest neighbour): repeats each row and column. */
export class UpSampling2D extends UpSampling {
  static override className = 'UpSampling2D';
  static override argKeys = layerArgKeys<UpSamplingArgs>({ size: true, dataFormat: true, interpolation: true });
  readonly interpolation: 'nearest';
  constructor(args: UpSamplingArgs = {}) {
    super(args, 2);
    this.interpolation = checkOneOf('UpSampling2D', 'interpolation', args.interpolation ?? 'nearest', ['nearest']);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), interpolation: this.interpolation };
  }
}

registerLayer(UpSampling1D);
registerLayer(UpSampling2D);
