import {
  NeuriteError, add, cast, keep, mul, reshape, slice, stack, sub, tensor, tidy, zeros, describeValue, type Tensor,
} from '@neurite/tensor';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { deserializeLayer, registerLayer, serializeLayer } from '../../engine/layer-registry.js';
import { describeShape, isShapeList, type LayerShape } from '../../engine/shape.js';
import { checkBoolean } from '../core/arguments.js';
import { RNNCell } from './rnn-cell.js';

/** The options of every recurrent layer (Keras's RNN base). */
export interface RecurrentArgs extends LayerArgs {
  /** Return the output of every step ([batch, steps, units]) instead of the last one ([batch, units]). */
  returnSequences?: boolean;
  /** Also return the final states: [output, ...states]. */
  returnState?: boolean;
  /** Run over the steps from last to first (the output sequence is then in that order too, as in Keras). */
  goBackwards?: boolean;
  /** Start each call from the last call's final states (needs a fixed batch size); `resetStates` zeroes them. */
  stateful?: boolean;
  /** Accepted for Keras compatibility; the loop is always run step by step. */
  unroll?: boolean;
  /** At padded (masked) steps, output zeros instead of repeating the last real step's output. */
  zeroOutputForMask?: boolean;
}

export const RECURRENT_KEYS = {
  returnSequences: true, returnState: true, goBackwards: true, stateful: true, unroll: true, zeroOutputForMask: true,
} as const;

export interface RNNArgs extends RecurrentArgs {
  /** The cell run at every step (a built-in cell, or `{ className, config }` of one). */
  cell: RNNCell | { className: string; config: LayerConfig };
}

/**
 * Keras's `RNN`: runs a cell over the steps of [batch, steps, features]. Inputs are the sequence, or
 * [sequence, ...initialStates]. A mask ([batch, steps]) from Embedding or Masking makes padded steps keep
 * the previous states. The cell's dropout masks are drawn once per call and reused at every step.
 */
export class RNN extends Layer {
  static override className = 'RNN';
  static override argKeys = layerArgKeys<RNNArgs>({ cell: true, ...RECURRENT_KEYS });

  readonly cell: RNNCell;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  readonly stateful: boolean;
  readonly unroll: boolean;
  readonly zeroOutputForMask: boolean;
  /** A stateful layer's carried states (null before the first call and after `resetStates`). */
  private carried: Tensor[] | null = null;

  constructor(args: RNNArgs, cell?: RNNCell) {
    super(args);
    const cls = this.className;
    const given = cell ?? args?.cell;
    const made = given instanceof RNNCell ? given : given != null && typeof given === 'object' ? deserializeLayer(given as { className: string; config: LayerConfig }) : null;
    if (!(made instanceof RNNCell)) {
      throw new NeuriteError(`${cls}: cell must be a recurrent cell (SimpleRNNCell, LSTMCell, GRUCell or an RNNCell subclass). Received: cell=${describeValue(given)}`);
    }
    this.cell = this.trackSublayer('cell', made, 'shared');
    this.returnSequences = checkBoolean(cls, 'returnSequences', args.returnSequences ?? false);
    this.returnState = checkBoolean(cls, 'returnState', args.returnState ?? false);
    this.goBackwards = checkBoolean(cls, 'goBackwards', args.goBackwards ?? false);
    this.stateful = checkBoolean(cls, 'stateful', args.stateful ?? false);
    this.unroll = checkBoolean(cls, 'unroll', args.unroll ?? false);
    this.zeroOutputForMask = checkBoolean(cls, 'zeroOutputForMask', args.zeroOutputForMask ?? false);
    this.supportsMasking = true;
  }

  /** The sequence's shape from the build / output-shape argument (the first shape of a list). */
  private sequenceShape(inputShape: LayerShape | LayerShape[]): LayerShape {
    const shape = isShapeList(inputShape) ? inputShape[0] : inputShape;
    if (shape.length !== 3 || shape[2] === null) {
      throw new NeuriteError(`${this.className}: expected a sequence [batch, steps, features] with known features. Received: shape=${describeShape(shape)}`);
    }
    return shape;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    const shape = this.sequenceShape(inputShape);
    if (!this.cell.built) {
      this.cell.build([shape[0], shape[2]]);
      this.cell.built = true;
    }
    super.build(inputShape);
  }

  override computeOutputShape(inputShape: LayerShape | LayerShape[]): LayerShape | LayerShape[] {
    const [batch, steps] = this.sequenceShape(inputShape);
    const out: LayerShape = this.returnSequences ? [batch, steps, this.cell.outputSize] : [batch, this.cell.outputSize];
    return this.returnState ? [out, ...this.cell.stateSize.map((s): LayerShape => [batch, s])] : out;
  }

  override computeMask(_inputs: Tensor | Tensor[], mask: Tensor | null): Tensor | null | (Tensor | null)[] {
    const out = this.returnSequences ? mask : null;
    return this.returnState ? [out, ...this.cell.stateSize.map(() => null)] : out;
  }

  /** Zeroes a stateful layer's states (or sets them to `states`, one [batch, size] tensor per state). */
  resetStates(states?: Tensor[]): void {
    if (!this.stateful) throw new NeuriteError(`${this.className} '${this.name}': resetStates needs a stateful layer (stateful: true)`);
    const next = states === undefined ? null : this.checkStates(states, states[0]?.shape[0] ?? 0, 'states').map((s) => keep(s.clone()));
    this.carried?.forEach((s) => s.dispose());
    this.carried = next;
  }

  /** The states a stateful layer carries into its next call (copies; null when none are held). */
  get states(): Tensor[] | null {
    return this.carried ? this.carried.map((s) => s.clone()) : null;
  }

  private checkStates(states: Tensor[], batch: number, what: string): Tensor[] {
    const sizes = this.cell.stateSize;
    if (states.length !== sizes.length) {
      throw new NeuriteError(`${this.className} '${this.name}': ${what} must be ${sizes.length} tensor(s) (${sizes.map((s) => `[${batch}, ${s}]`).join(', ')}). Received: ${states.length}`);
    }
    states.forEach((s, i) => {
      if (s.rank !== 2 || s.shape[0] !== batch || s.shape[1] !== sizes[i]) {
        throw new NeuriteError(`${this.className} '${this.name}': ${what}[${i}] must have shape [${batch}, ${sizes[i]}]. Received: shape=${describeShape(s.shape)}`);
      }
    });
    return states;
  }

  private stepMask(mask: Tensor, batch: number, steps: number): Tensor {
    if (mask.rank !== 2 || mask.shape[0] !== batch || mask.shape[1] !== steps) {
      throw new NeuriteError(`${this.className} '${this.name}': mask must have shape [${batch}, ${steps}] (batch, steps). Received: shape=${describeShape(mask.shape)}`);
    }
    return cast(mask, 'float32');
  }

  call(inputs: Tensor | Tensor[], { training, mask }: Required<CallOptions>): Tensor | Tensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const x = list[0];
    if (x.rank !== 3) {
      throw new NeuriteError(`${this.className} '${this.name}': expected a sequence [batch, steps, features]. Received: shape=${describeShape(x.shape)}`);
    }
    const [batch, steps, features] = x.shape;
    const given = list.slice(1);
    if (this.stateful && this.carried && this.carried[0].shape[0] !== batch) {
      throw new NeuriteError(`${this.className} '${this.name}': a stateful layer keeps its batch size; its states are for ${this.carried[0].shape[0]} rows. Received: ${batch} rows`);
    }
    const result = tidy(() => {
      let states =
        given.length > 0
          ? this.checkStates(given, batch, 'initial states')
          : this.stateful && this.carried
            ? this.carried
            : this.cell.stateSize.map((s) => zeros([batch, s]));
      const masks = this.cell.sequenceMasks(batch, features, training);
      const seqMask = mask ? this.stepMask(mask, batch, steps) : null;
      const outputs: Tensor[] = [];
      let previous: Tensor = zeros([batch, this.cell.outputSize]);
      for (let k = 0; k < steps; k++) {
        const t = this.goBackwards ? steps - 1 - k : k;
        const input = reshape(slice(x, [0, t, 0], [batch, 1, features]), [batch, features]);
        const next = this.cell.step(input, states, masks);
        let output = next.output;
        let nextStates = next.states;
        if (seqMask) {
          // A padded step keeps the previous states (and output): m * new + (1 - m) * old.
          const m = slice(seqMask, [0, t], [batch, 1]);
          const keepOld = sub(1, m);
          const blend = (fresh: Tensor, old: Tensor): Tensor => add(mul(m, fresh), mul(keepOld, old));
          nextStates = nextStates.map((s, i) => blend(s, states[i]));
          output = this.zeroOutputForMask ? mul(m, output) : blend(output, previous);
        }
        states = nextStates;
        previous = output;
        outputs.push(output);
      }
      const y = this.returnSequences ? stack(outputs, { axis: 1 }) : previous;
      return [y, ...states];
    });
    if (this.stateful) {
      // The carried states are values, not part of this call's gradient.
      this.carried?.forEach((s) => s.dispose());
      this.carried = result.slice(1).map((s) => keep(tensor(s.dataSync() as Float32Array, [...s.shape])));
    }
    if (this.returnState) return result;
    // (for SimpleRNN and GRU the last state is the output itself)
    result.slice(1).forEach((s) => {
      if (s !== result[0]) s.dispose();
    });
    return result[0];
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      cell: serializeLayer(this.cell),
      ...this.recurrentConfig(),
    };
  }

  protected recurrentConfig(): LayerConfig {
    return {
      returnSequences: this.returnSequences,
      returnState: this.returnState,
      goBackwards: this.goBackwards,
      stateful: this.stateful,
      unroll: this.unroll,
      zeroOutputForMask: this.zeroOutputForMask,
    };
  }

  override dispose(): void {
    this.carried?.forEach((s) => s.dispose());
    this.carried = null;
    super.dispose();
  }
}

registerLayer(RNN);
