import { add, concat, matMul, mul, ones, split, tidy, type DType, type Tensor } from '@neurite/tensor';
import { getActivation, serializeActivation, type Activation, type ActivationFunction } from '../../activations/activation-registry.js';
import { Initializer } from '../../initializers/initializer.js';
import { layerArgKeys, type LayerConfig } from '../../engine/layer.js';
import type { LayerWeight } from '../../engine/layer-weight.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { checkBoolean } from '../core/arguments.js';
import type { CellStep, SequenceMasks } from './rnn-cell.js';
import { CELL_WEIGHT_KEYS, type CellWeightArgs } from './cell-weights.js';
import { WeightedCell } from './weighted-cell.js';

export interface LSTMCellArgs extends CellWeightArgs {
  /** The gates' activation ('sigmoid' by default, as Keras 3; TensorFlow.js defaults to 'hardSigmoid'). */
  recurrentActivation?: string | ActivationFunction | null;
  /** Starts the forget gate's bias at 1 (Jozefowicz et al.), the rest from biasInitializer. True by default. */
  unitForgetBias?: boolean;
}

export const LSTM_CELL_KEYS = { ...CELL_WEIGHT_KEYS, recurrentActivation: true, unitForgetBias: true } as const;

/** Keras's unit-forget-bias start: biasInitializer for the input, cell and output gates, ones for the forget gate. */
class UnitForgetBias extends Initializer {
  static override className = 'UnitForgetBias';

  constructor(private readonly base: Initializer, private readonly units: number) {
    super();
  }

  apply(_shape: number[], dtype: DType = 'float32'): Tensor {
    const u = this.units;
    return tidy(() => concat([this.base.apply([u], dtype), ones([u], dtype), this.base.apply([2 * u], dtype)]));
  }
}

/**
 * Keras's `LSTMCell`, gates in Keras's order (input, forget, cell, output):
 * `c = f * c_prev + i * activation(z_c)`, `h = o * activation(c)`; the states are [h, c].
 */
export class LSTMCell extends WeightedCell {
  static override className = 'LSTMCell';
  static override argKeys = layerArgKeys<LSTMCellArgs>(LSTM_CELL_KEYS);

  readonly recurrentActivation: Activation;
  readonly unitForgetBias: boolean;

  constructor(args: LSTMCellArgs) {
    super(args);
    this.recurrentActivation = getActivation(args.recurrentActivation === undefined ? 'sigmoid' : args.recurrentActivation);
    this.unitForgetBias = checkBoolean(this.className, 'unitForgetBias', args.unitForgetBias ?? true);
  }

  protected get gates(): number {
    return 4;
  }

  get stateSize(): number[] {
    return [this.units, this.units];
  }

  protected override biasStart(): Initializer {
    return this.unitForgetBias ? new UnitForgetBias(this.options.biasInitializer, this.units) : this.options.biasInitializer;
  }

  step(input: Tensor, states: Tensor[], masks: SequenceMasks): CellStep {
    const [h, c] = tidy(() => {
      const z = add(this.withBias(this.projectInput(input, masks)), matMul(this.droppedState(states[0], masks), (this.recurrentKernel as LayerWeight).read()));
      const [zi, zf, zc, zo] = split(z, 4, { axis: 1 });
      const act = this.options.activation;
      const gate = this.recurrentActivation;
      const cNext = add(mul(gate(zf), states[1]), mul(gate(zi), act(zc)));
      return [mul(gate(zo), act(cNext)), cNext];
    });
    return { output: h, states: [h, c] };
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), recurrentActivation: serializeActivation(this.recurrentActivation), unitForgetBias: this.unitForgetBias };
  }
}

registerLayer(LSTMCell);
