import type { Variable } from '@neurite/tensor';

// The types of an optimizer's saved state, in Keras 3's layout: `optimizer.variables` is `iterations`
// (int64), `learning_rate` (float32; only when the rate is a number, not a schedule), then the slot
// variables in the order the optimizer's `build(var_list)` creates them. A .keras file stores that list at
// `optimizer/vars/0`, `1`, ...

/** A kind of slot in an optimizer's Keras layout. */
export interface SlotSpec {
  /** Keras's name for the slot: 'momentum', 'velocity', 'velocity_hat', 'accumulator', 'average_gradient'. */
  readonly name: string;
  /** The value a new slot is filled with (Keras's initializer for it). Default 0. */
  readonly initialValue?: number;
}

/**
 * The order of an optimizer's slot variables, as Keras's `build(var_list)` creates them: a list of passes
 * over the model's trainable variables; each pass creates, for every variable in turn, the slots it names.
 * Adam is `[[momentum, velocity]]` (interleaved per variable), plus a pass `[velocity_hat]` with amsgrad;
 * RMSprop is `[[velocity]]`, then `[momentum]` and `[average_gradient]` passes when enabled.
 */
export type SlotLayout = readonly (readonly SlotSpec[])[];

/** One of Keras's `optimizer.variables`, in order, as `Optimizer.stateVariables` lists them. */
export interface OptimizerStateVariable {
  /** 'iterations', 'learning_rate', or '<model variable name>/<slot name>'. */
  readonly name: string;
  /** How Keras stores it: int64 for iterations, float32 for the rest. */
  readonly dtype: 'int64' | 'float32';
  readonly shape: readonly number[];
  /** The number (iterations, learning_rate) or the slot's variable. */
  readonly value: number | Variable;
}

/** A saved state value to restore with `Optimizer.loadState`, as read from a file. */
export interface SavedStateValue {
  readonly shape: readonly number[];
  readonly values: ArrayLike<number>;
  /** Whether the file stored integers ('int', Keras's int64 iterations) or floating point ('float'). */
  readonly kind: 'int' | 'float';
}
