import { add, matMul, mul, reshape, slice, split, sub, tidy, type Tensor } from '@neurite/tensor';
import { getActivation, serializeActivation, type Activation, type ActivationFunction } from '../../activations/activation-registry.js';
import { layerArgKeys, type LayerConfig } from '../../engine/layer.js';
import type { LayerWeight } from '../../engine/layer-weight.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { checkBoolean } from '../core/arguments.js';
import type { CellStep, SequenceMasks } from './rnn-cell.js';
import { CELL_WEIGHT_KEYS, type CellWeightArgs } from './cell-weights.js';
import { WeightedCell } from './weighted-cell.js';

export interface GRUCellArgs extends CellWeightArgs {
  /** The gates' activation ('sigmoid' by default, as Keras 3). */
  recurrentActivation?: string | ActivationFunction | null;
  /**
   * True (default, Keras 3 and cuDNN): the reset gate multiplies the recurrent projection, and the bias has
   * two rows (inputs, state). False (the original GRU and TensorFlow.js): it multiplies the state before it.
   */
  resetAfter?: boolean;
}

export const GRU_CELL_KEYS = { ...CELL_WEIGHT_KEYS, recurrentActivation: true, resetAfter: true } as const;

/**
 * Keras's `GRUCell`, gates in Keras's order (update z, reset r, candidate):
 * `h = z * h_prev + (1 - z) * activation(candidate)`.
 */
export class GRUCell extends WeightedCell {
  static override className = 'GRUCell';
  static override argKeys = layerArgKeys<GRUCellArgs>(GRU_CELL_KEYS);

  readonly recurrentActivation: Activation;
  readonly resetAfter: boolean;

  constructor(args: GRUCellArgs) {
    super(args);
    this.recurrentActivation = getActivation(args.recurrentActivation === undefined ? 'sigmoid' : args.recurrentActivation);
    this.resetAfter = checkBoolean(this.className, 'resetAfter', args.resetAfter ?? true);
  }

  protected get gates(): number {
    return 3;
  }

  get stateSize(): number[] {
    return [this.units];
  }

  protected override biasShape(): number[] {
    return this.resetAfter ? [2, 3 * this.units] : [3 * this.units];
  }

  /** Row `row` of a resetAfter bias [2, 3 * units]. */
  private biasRow(row: number): Tensor {
    return reshape(slice((this.bias as LayerWeight).read(), [row, 0], [1, 3 * this.units]), [3 * this.units]);
  }

  step(input: Tensor, states: Tensor[], masks: SequenceMasks): CellStep {
    const h = tidy(() => {
      const u = this.units;
      const hPrev = states[0];
      const hDropped = this.droppedState(hPrev, masks);
      const recurrentKernel = (this.recurrentKernel as LayerWeight).read();
      const gate = this.recurrentActivation;
      let xz: Tensor, xr: Tensor, xh: Tensor, z: Tensor, candidate: Tensor;
      if (this.resetAfter) {
        let mx = this.projectInput(input, masks);
        let mh = matMul(hDropped, recurrentKernel);
        if (this.bias) {
          mx = add(mx, this.biasRow(0));
          mh = add(mh, this.biasRow(1));
        }
        [xz, xr, xh] = split(mx, 3, { axis: 1 });
        const [hz, hr, hh] = split(mh, 3, { axis: 1 });
        z = gate(add(xz, hz));
        const r = gate(add(xr, hr));
        candidate = this.options.activation(add(xh, mul(r, hh)));
      } else {
        [xz, xr, xh] = split(this.withBias(this.projectInput(input, masks)), 3, { axis: 1 });
        const [kzr, kh] = split(recurrentKernel, [2 * u, u], { axis: 1 });
        const [hz, hr] = split(matMul(hDropped, kzr), 2, { axis: 1 });
        z = gate(add(xz, hz));
        const r = gate(add(xr, hr));
        candidate = this.options.activation(add(xh, matMul(mul(r, hDropped), kh)));
      }
      return add(mul(z, hPrev), mul(sub(1, z), candidate));
    });
    return { output: h, states: [h] };
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), recurrentActivation: serializeActivation(this.recurrentActivation), resetAfter: this.resetAfter };
  }
}

registerLayer(GRUCell);
