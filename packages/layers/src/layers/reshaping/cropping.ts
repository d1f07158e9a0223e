import { NeuriteError, slice, type Tensor } from '@neurite/tensor';
import { type CallOptions, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { describeShape } from '../../engine/shape.js';
import { singleInput } from '../core/arguments.js';
import { readPairs, SpatialEdit, type SpatialEditArgs } from './spatial-edit.js';

export interface CroppingArgs extends SpatialEditArgs {
  /** Entries removed before and after each spatial axis (the forms of ZeroPadding's padding); 1 (1-D) or 0 (2-D) by default. */
  cropping?: number | number[] | number[][];
}

abstract class Cropping extends SpatialEdit {
  readonly cropping: [number, number][];

  protected constructor(args: CroppingArgs, rank: number) {
    super(args, rank);
    this.cropping = readPairs(this.className, 'cropping', args?.cropping ?? (rank === 1 ? 1 : 0), rank);
  }

  protected resize(size: number, axis: number): number {
    const kept = size - this.cropping[axis][0] - this.cropping[axis][1];
    if (kept < 1) {
      throw new NeuriteError(`${this.className}: cropping ${JSON.stringify(this.cropping[axis])} removes every entry of an axis of size ${size}`);
    }
    return kept;
  }

  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    const x = singleInput(this.className, inputs);
    const axes = this.axes(x.shape);
    const begin = x.shape.map(() => 0);
    const size = [...x.shape];
    axes.forEach((a, i) => {
      begin[a] = this.cropping[i][0];
      size[a] = this.resize(x.shape[a], i);
    });
    if (size.some((d) => d < 1)) throw new NeuriteError(`${this.className}: nothing is left of shape ${describeShape(x.shape)}`);
    return slice(x, begin, size);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), cropping: this.spatialRank === 1 ? [...this.cropping[0]] : this.cropping.map((p) => [...p]) };
  }
}

/** Keras's `Cropping1D`: removes steps at the start and end of [batch, steps, channels]. */
export class Cropping1D extends Cropping {
  static override className = 'Cropping1D';
  static override argKeys = layerArgKeys<CroppingArgs>({ cropping: true, dataFormat: true });
  constructor(args: CroppingArgs = {}) {
    super(args, 1);
  }
}

/** Keras's `Cropping2D`: removes rows and columns at the edges. */
export class Cropping2D extends Cropping {
  static override className = 'Cropping2D';
  static override argKeys = layerArgKeys<CroppingArgs>({ cropping: true, dataFormat: true });
  constructor(args: CroppingArgs = {}) {
    super(args, 2);
  }
}

registerLayer(Cropping1D);
registerLayer(Cropping2D);
