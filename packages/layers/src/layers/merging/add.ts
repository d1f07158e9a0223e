import { layerArgKeys, type LayerArgs } from '../../engine/layer.js';
import { add, type Tensor } from '@neurite/tensor';
import { registerLayer } from '../../engine/layer-registry.js';
import { Merge } from './merge.js';

/** Keras's `Add`: the sum of its inputs (equal shapes, or 1 / null to broadcast). */
export class Add extends Merge {
  static override className = 'Add';
  static override argKeys = layerArgKeys<LayerArgs>({});

  protected merge(inputs: Tensor[]): Tensor {
    return inputs.slice(1).reduce((acc, x) => add(acc, x), inputs[0]);
  }
}

registerLayer(Add);
