import { layerArgKeys, type LayerArgs } from '../../engine/layer.js';
import { add, div, type Tensor } from '@neurite/tensor';
import { registerLayer } from '../../engine/layer-registry.js';
import { Merge } from './merge.js';

/** Keras's `Average`: the elementwise mean of its inputs (their sum divided by their count). */
export class Average extends Merge {
  static override className = 'Average';
  static override argKeys = layerArgKeys<LayerArgs>({});

  protected merge(inputs: Tensor[]): Tensor {
    return div(inputs.slice(1).reduce((acc, x) => add(acc, x), inputs[0]), inputs.length);
  }
}

registerLayer(Average);
