import { NeuriteError, add, matMul, mul, type Tensor } from '@neurite/tensor';
import type { Initializer } from '../../initializers/initializer.js';
import type { LayerConfig } from '../../engine/layer.js';
import type { LayerWeight } from '../../engine/layer-weight.js';
import { describeShape, isShapeList, type LayerShape } from '../../engine/shape.js';
import { singleShape } from '../core/arguments.js';
import { RNNCell, type SequenceMasks } from './rnn-cell.js';
import { cellWeightConfig, readCellWeightArgs, type CellWeightArgs, type CellWeightOptions } from './cell-weights.js';

/**
 * A cell with Keras's three weights: `kernel` [inputDim, gates * units] for the inputs, `recurrentKernel`
 * [units, gates * units] for the state and `bias`, the gates side by side in Keras's order. Subclasses
 * say how many gates they have and how a step combines them.
 */
export abstract class WeightedCell extends RNNCell {
  readonly options: CellWeightOptions;
  kernel: LayerWeight | null = null;
  recurrentKernel: LayerWeight | null = null;
  bias: LayerWeight | null = null;

  protected constructor(args: CellWeightArgs) {
    super(args);
    this.options = readCellWeightArgs(this.className, args);
  }

  get units(): number {
    return this.options.units;
  }

  /** How many blocks of `units` the weights hold side by side (1, 3 or 4). */
  protected abstract get gates(): number;

  override get outputSize(): number {
    return this.units;
  }

  /** The bias's shape ([gates * units]; GRU with resetAfter keeps two rows). */
  protected biasShape(): number[] {
    return [this.gates * this.units];
  }

  /** The bias's first value (LSTM's unitForgetBias puts ones in the forget gate's block). */
  protected biasStart(): Initializer {
    return this.options.biasInitializer;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    // called as a layer, a cell gets [input, ...states]: the input's shape comes first
    const shape = isShapeList(inputShape) ? inputShape[0] : singleShape(this.className, inputShape);
    const inputDim = shape[shape.length - 1];
    if (shape.length !== 2 || inputDim === null) {
      throw new NeuriteError(`${this.className}: a step's input must be [batch, features] with known features. Received: shape=${describeShape(shape)}`);
    }
    const width = this.gates * this.units;
    const o = this.options;
    this.kernel = this.addWeight({ name: 'kernel', shape: [inputDim, width], initializer: o.kernelInitializer, regularizer: o.kernelRegularizer, constraint: o.kernelConstraint });
    this.recurrentKernel = this.addWeight({
      name: 'recurrent_kernel', shape: [this.units, width], initializer: o.recurrentInitializer, regularizer: o.recurrentRegularizer, constraint: o.recurrentConstraint,
    });
    if (o.useBias) {
      this.bias = this.addWeight({ name: 'bias', shape: this.biasShape(), initializer: this.biasStart(), regularizer: o.biasRegularizer, constraint: o.biasConstraint });
    }
    super.build(inputShape);
  }

  /** The step's input times the kernel, after the sequence's input dropout mask. */
  protected projectInput(input: Tensor, masks: SequenceMasks): Tensor {
    const expected = (this.kernel as LayerWeight).shape[0];
    if (input.rank !== 2 || input.shape[1] !== expected) {
      throw new NeuriteError(`${this.className}: expected a step input [batch, ${expected}] (the cell was built for it). Received: shape=${describeShape(input.shape)}`);
    }
    const x = masks.input ? mul(input, masks.input) : input;
    return matMul(x, (this.kernel as LayerWeight).read());
  }

  /** The state after the sequence's recurrent dropout mask (what the recurrent kernel multiplies). */
  protected droppedState(h: Tensor, masks: SequenceMasks): Tensor {
    return masks.recurrent ? mul(h, masks.recurrent) : h;
  }

  /** `x · kernel + bias` for a bias of shape [gates * units]. */
  protected withBias(z: Tensor): Tensor {
    return this.bias ? add(z, this.bias.read()) : z;
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), ...cellWeightConfig(this.options) };
  }
}
