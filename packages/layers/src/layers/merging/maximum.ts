import { layerArgKeys, type LayerArgs } from '../../engine/layer.js';
import { maximum, type Tensor } from '@neurite/tensor';
import { registerLayer } from '../../engine/layer-registry.js';
import { Merge } from './merge.js';

/** Keras's `Maximum`: the elementwise maximum of its inputs (equal shapes, or 1 / null to broadcast). */
export class Maximum extends Merge {
  static override className = 'Maximum';
  static override argKeys = layerArgKeys<LayerArgs>({});

  protected merge(inputs: Tensor[]): Tensor {
    return inputs.slice(1).reduce((acc, x) => maximum(acc, x), inputs[0]);
  }
}

registerLayer(Maximum);
