import { NeuriteError, type Tensor } from '@neurite/tensor';
import type { Regularizer } from '@neurite/regularizers';
import type { Constraint } from '../../constraints/constraint.js';
import type { Initializer } from '../../initializers/initializer.js';
import { Layer, type CallOptions } from '../../engine/layer.js';
import type { LayerWeight } from '../../engine/layer-weight.js';
import type { LayerShape } from '../../engine/shape.js';

export interface ProjectionWeights {
  kernelInitializer: Initializer;
  biasInitializer: Initializer;
  kernelRegularizer: Regularizer | null;
  biasRegularizer: Regularizer | null;
  kernelConstraint: Constraint | null;
  biasConstraint: Constraint | null;
}

/**
 * One of MultiHeadAttention's four projections (Keras's EinsumDense sublayers `query`, `key`, `value`,
 * `attention_output`): it only holds a kernel and a bias of the shapes Keras gives them; the attention
 * layer does the arithmetic. Not a layer to use on its own.
 */
export class AttentionProjection extends Layer {
  static override className = 'AttentionProjection';
  kernel: LayerWeight | null = null;
  bias: LayerWeight | null = null;

  constructor(name: string, private readonly options: ProjectionWeights & { kernelShape: number[]; biasShape: number[] | null }) {
    super({ name });
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    const o = this.options;
    this.kernel = this.addWeight({ name: 'kernel', shape: o.kernelShape, initializer: o.kernelInitializer, regularizer: o.kernelRegularizer, constraint: o.kernelConstraint });
    if (o.biasShape) {
      this.bias = this.addWeight({ name: 'bias', shape: o.biasShape, initializer: o.biasInitializer, regularizer: o.biasRegularizer, constraint: o.biasConstraint });
    }
    super.build(inputShape);
  }

  call(_inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    throw new NeuriteError(`${this.name}: an attention projection is computed by its MultiHeadAttention layer`);
  }
}
