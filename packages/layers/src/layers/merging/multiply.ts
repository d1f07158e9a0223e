import { layerArgKeys, type LayerArgs } from '../../engine/layer.js';
import { mul, type Tensor } from '@neurite/tensor';
import { registerLayer } from '../../engine/layer-registry.js';
import { Merge } from './merge.js';

/** Keras's `Multiply`: the product of its inputs (equal shapes, or 1 / null to broadcast). */
export class Multiply extends Merge {
  static override className = 'Multiply';
  static override argKeys = layerArgKeys<LayerArgs>({});

  protected merge(inputs: Tensor[]): Tensor {
    return inputs.slice(1).reduce((acc, x) => mul(acc, x), inputs[0]);
  }
}

registerLayer(Multiply);
