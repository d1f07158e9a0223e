import { NeuriteError, checkNumberInRange, dropout, ones, tidy, type Tensor } from '@neurite/tensor';
import type { CallOptions, LayerConfig } from '../../engine/layer.js';
import { SeededLayer, type SeededLayerArgs } from '../../engine/seeded-layer.js';

export interface DropoutCellArgs extends SeededLayerArgs {
  /** Fraction of the input features dropped, in [0, 1]: one mask per sequence, the same at every step. */
  dropout?: number;
  /** Fraction of the recurrent state's units dropped before the recurrent projection, in [0, 1]; one mask per sequence. */
  recurrentDropout?: number;
}

/** The dropout masks of one sequence: drawn once when the sequence starts and reused at every step. */
export interface SequenceMasks {
  /** [batch, inputDim] of 0 and 1 / (1 - dropout), or null when input dropout is off. */
  input: Tensor | null;
  /** [batch, units] of 0 and 1 / (1 - recurrentDropout), or null when recurrent dropout is off. */
  recurrent: Tensor | null;
}

/** What one step of a cell gives: its output and its next states. */
export interface CellStep {
  output: Tensor;
  states: Tensor[];
}

/**
 * The base of the recurrent cells (Keras's cell plus its DropoutRNNCell part): one step of a recurrence,
 * `step(input, states, masks)`, run by the RNN layer over the steps of a sequence. The dropout masks are
 * drawn by the RNN once per sequence (`sequenceMasks`), so a unit dropped at one step is dropped at every
 * step of that sequence (Gal and Ghahramani's variational dropout, as Keras does it); each row of the batch
 * gets its own mask, and each call draws new ones from the cell's seed generator.
 */
export abstract class RNNCell extends SeededLayer {
  readonly dropout: number;
  readonly recurrentDropout: number;

  protected constructor(args: DropoutCellArgs) {
    super(args);
    this.dropout = checkNumberInRange(this.className, 'dropout', args?.dropout ?? 0, 0, 1);
    this.recurrentDropout = checkNumberInRange(this.className, 'recurrentDropout', args?.recurrentDropout ?? 0, 0, 1);
  }

  /** The sizes of the states the cell carries ([units] for SimpleRNN and GRU, [units, units] for LSTM). */
  abstract get stateSize(): number[];

  /** The size of the step's output. */
  abstract get outputSize(): number;

  /** One step: `input` is [batch, inputDim], each state [batch, size]. */
  abstract step(input: Tensor, states: Tensor[], masks: SequenceMasks): CellStep;

  /** The masks for one sequence of `batch` rows (none outside training or at rate 0). */
  sequenceMasks(batch: number, inputDim: number, training: boolean): SequenceMasks {
    const draw = (rate: number, size: number): Tensor | null =>
      training && rate > 0 ? dropout(ones([batch, size]), rate, { seed: this.seedGenerator }) : null;
    return { input: draw(this.dropout, inputDim), recurrent: draw(this.recurrentDropout, this.stateSize[0]) };
  }

  /** A single step as a layer call: inputs [input, ...states] give [output, ...states]. */
  call(inputs: Tensor | Tensor[], { training }: Required<CallOptions>): Tensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    if (list.length !== 1 + this.stateSize.length) {
      throw new NeuriteError(`${this.className}: a step takes [input, ...states] (${1 + this.stateSize.length} tensors). Received: ${list.length}`);
    }
    const [input, ...states] = list;
    return tidy(() => {
      const result = this.step(input, states, this.sequenceMasks(input.shape[0], input.shape[1], training));
      return [result.output, ...result.states];
    });
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), dropout: this.dropout, recurrentDropout: this.recurrentDropout };
  }
}
