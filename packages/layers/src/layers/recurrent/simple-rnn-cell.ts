import { add, matMul, tidy, type Tensor } from '@neurite/tensor';
import { layerArgKeys } from '../../engine/layer.js';
import type { LayerWeight } from '../../engine/layer-weight.js';
import { registerLayer } from '../../engine/layer-registry.js';
import type { CellStep, SequenceMasks } from './rnn-cell.js';
import { CELL_WEIGHT_KEYS, type CellWeightArgs } from './cell-weights.js';
import { WeightedCell } from './weighted-cell.js';

export type SimpleRNNCellArgs = CellWeightArgs;

/** Keras's `SimpleRNNCell`: `h = activation(x · kernel + bias + h_prev · recurrentKernel)`. */
export class SimpleRNNCell extends WeightedCell {
  static override className = 'SimpleRNNCell';
  static override argKeys = layerArgKeys<SimpleRNNCellArgs>(CELL_WEIGHT_KEYS);

  constructor(args: SimpleRNNCellArgs) {
    super(args);
  }

  protected get gates(): number {
    return 1;
  }

  get stateSize(): number[] {
    return [this.units];
  }

  step(input: Tensor, states: Tensor[], masks: SequenceMasks): CellStep {
    const h = tidy(() => {
      const z = add(this.withBias(this.projectInput(input, masks)), matMul(this.droppedState(states[0], masks), (this.recurrentKernel as LayerWeight).read()));
      return this.options.activation(z);
    });
    return { output: h, states: [h] };
  }
}

registerLayer(SimpleRNNCell);
