import { layerArgKeys, type LayerArgs } from '../../engine/layer.js';
import { minimum, type Tensor } from '@neurite/tensor';
import { registerLayer } from '../../engine/layer-registry.js';
import { Merge } from './merge.js';

/** Keras's `Minimum`: the elementwise minimum of its inputs (equal shapes, or 1 / null to broadcast). */
export class Minimum extends Merge {
  static override className = 'Minimum';
  static override argKeys = layerArgKeys<LayerArgs>({});

  protected merge(inputs: Tensor[]): Tensor {
    return inputs.slice(1).reduce((acc, x) => minimum(acc, x), inputs[0]);
  }
}

registerLayer(Minimum);
