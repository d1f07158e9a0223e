import { layerArgKeys, type LayerArgs } from '../../engine/layer.js';
import { sub, type Tensor } from '@neurite/tensor';
import { registerLayer } from '../../engine/layer-registry.js';
import { Merge } from './merge.js';

/** Keras's `Subtract`: `inputs[0] - inputs[1]`, on exactly two inputs. */
export class Subtract extends Merge {
  static override className = 'Subtract';
  static override argKeys = layerArgKeys<LayerArgs>({});
  protected override readonly exactInputs = 2;

  protected merge(inputs: Tensor[]): Tensor {
    return sub(inputs[0], inputs[1]);
  }
}

registerLayer(Subtract);
