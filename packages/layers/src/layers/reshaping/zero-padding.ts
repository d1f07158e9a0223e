import { pad, type Tensor } from '@neurite/tensor';
import { type CallOptions, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { singleInput } from '../core/arguments.js';
import { readPairs, SpatialEdit, type SpatialEditArgs } from './spatial-edit.js';

export interface ZeroPaddingArgs extends SpatialEditArgs {
  /** Zeros before and after each spatial axis (see `readPairs` for the forms); 1 by default. */
  padding?: number | number[] | number[][];
}

abstract class ZeroPadding extends SpatialEdit {
  readonly padding: [number, number][];

  protected constructor(args: ZeroPaddingArgs, rank: number) {
    super(args, rank);
    this.padding = readPairs(this.className, 'padding', args?.padding ?? 1, rank);
  }

  protected resize(size: number, axis: number): number {
    return size + this.padding[axis][0] + this.padding[axis][1];
  }

  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    const x = singleInput(this.className, inputs);
    const axes = this.axes(x.shape);
    const paddings = x.shape.map((_, a): [number, number] => {
      const i = axes.indexOf(a);
      return i < 0 ? [0, 0] : this.padding[i];
    });
    return pad(x, paddings);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), padding: this.spatialRank === 1 ? [...this.padding[0]] : this.padding.map((p) => [...p]) };
  }
}

/** Keras's `ZeroPadding1D`: zeros before and after the steps of [batch, steps, channels]. */
export class ZeroPadding1D extends ZeroPadding {
  static override className = 'ZeroPadding1D';
  static override argKeys = layerArgKeys<ZeroPaddingArgs>({ padding: true, dataFormat: true });
  constructor(args: ZeroPaddingArgs = {}) {
    super(args, 1);
  }
}

/** Keras's `ZeroPadding2D`: zero rows above and below, zero columns left and right. */
export class ZeroPadding2D extends ZeroPadding {
  static override className = 'ZeroPadding2D';
  static override argKeys = layerArgKeys<ZeroPaddingArgs>({ padding: true, dataFormat: true });
  constructor(args: ZeroPaddingArgs = {}) {
    super(args, 2);
  }
}

registerLayer(ZeroPadding1D);
registerLayer(ZeroPadding2D);
