import { NeuriteError, transpose, type Tensor } from '@neurite/tensor';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { describeShape, type LayerShape } from '../../engine/shape.js';
import { argError, singleInput, singleShape } from '../core/arguments.js';

export interface PermuteArgs extends LayerArgs {
  /** The new order of the non-batch axes, numbered from 1 (Keras's convention): [2, 1] swaps the two. */
  dims: number[];
}

/** Keras's `Permute`: reorders the axes after the batch axis. */
export class Permute extends Layer {
  static override className = 'Permute';
  static override argKeys = layerArgKeys<PermuteArgs>({ dims: true });

  readonly dims: number[];

  constructor(args: PermuteArgs) {
    super(args);
    const dims = args?.dims;
    const ok = Array.isArray(dims) && dims.length > 0 && [...dims].sort((a, b) => a - b).every((d, i) => d === i + 1);
    if (!ok) throw argError('Permute', 'dims', 'a permutation of 1..n (the axes after the batch axis, numbered from 1)', dims);
    this.dims = [...dims];
  }

  private check(shape: readonly (number | null)[]): void {
    if (shape.length !== this.dims.length + 1) {
      throw new NeuriteError(`Permute: dims ${describeShape(this.dims)} needs an input of rank ${this.dims.length + 1}. Received: shape=${describeShape(shape)}`);
    }
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shape = singleShape('Permute', inputShape);
    this.check(shape);
    return [shape[0], ...this.dims.map((d) => shape[d])];
  }

  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    const x = singleInput('Permute', inputs);
    this.check(x.shape);
    return transpose(x, { perm: [0, ...this.dims] });
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), dims: [...this.dims] };
  }
}

registerLayer(Permute);
