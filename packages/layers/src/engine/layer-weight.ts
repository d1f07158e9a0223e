import { variable, type Tensor, type Variable } from '@neurite/tensor';
import type { Regularizer } from '@neurite/regularizers';
import type { Constraint } from '../constraints/constraint.js';

/**
 * A weight a layer owns: the variable plus what Keras keeps beside it (its name within the layer, its
 * regularizer and constraint).
 */
export class LayerWeight {
  constructor(
    /** Name within the layer: `kernel`, `bias`, `gamma`, … */
    readonly name: string,
    /** `layerName/name`, as Keras paths its weights. */
    readonly path: string,
    readonly variable: Variable,
    readonly regularizer: Regularizer | null,
    readonly constraint: Constraint | null,
  ) {}

  get shape(): readonly number[] {
    return this.variable.shape;
  }

  get trainable(): boolean {
    return this.variable.trainable;
  }

  /** The current value (the variable itself). */
  read(): Tensor {
    return this.variable;
  }

  /** Replaces the value (same shape and dtype). */
  assign(value: Tensor): void {
    this.variable.assign(value);
  }
}

export function makeLayerWeight(
  name: string,
  path: string,
  initial: Tensor,
  trainable: boolean,
  regularizer: Regularizer | null,
  constraint: Constraint | null,
): LayerWeight {
  return new LayerWeight(name, path, variable(initial, { trainable }), regularizer, constraint);
}
