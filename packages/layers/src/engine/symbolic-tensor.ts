import type { DType } from '@neurite/tensor';
import type { Layer } from './layer.js';
import { describeShape, type LayerShape } from './shape.js';

let nextSymbolicId = 0;

/**
 * A placeholder for a tensor in a functional model's graph: a shape (`null` where unknown until data
 * arrives), a dtype, and the layer call that produces it. Calling a layer on symbolic tensors records the
 * call instead of computing.
 */
export class SymbolicTensor {
  readonly id = nextSymbolicId++;

  constructor(
    readonly shape: LayerShape,
    readonly dtype: DType,
    /** The layer call that produces this tensor. */
    readonly node: LayerNode,
    /** Which of that call's outputs this is. */
    readonly outputIndex: number,
  ) {}

  get rank(): number {
    return this.shape.length;
  }

  /** `layerName` for a single-output layer, `layerName:i` otherwise. */
  get name(): string {
    return this.node.outputs.length > 1 ? `${this.node.layer.name}:${this.outputIndex}` : this.node.layer.name;
  }

  toString(): string {
    return `SymbolicTensor(name=${this.name}, shape=${describeShape(this.shape)}, dtype=${this.dtype})`;
  }
}

/** One call of a layer on symbolic inputs: an edge set of the model graph. */
export class LayerNode {
  outputs: SymbolicTensor[] = [];

  constructor(
    readonly layer: Layer,
    readonly inputs: SymbolicTensor[],
    /** Whether the layer was called with a list (even of one) rather than a single tensor. */
    readonly inputsAsList: boolean,
    /** `training` fixed at call time (e.g. always-on dropout); undefined follows the model's mode. */
    readonly training: boolean | undefined,
    /** The layer's own call options given with the call (MultiHeadAttention's useCausalMask), replayed on every run. */
    readonly callArgs: Readonly<Record<string, unknown>> = {},
  ) {}
}
