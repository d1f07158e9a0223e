import { NeuriteError, type Variable } from '@neurite/tensor';

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

/** What one saved value must be: its description in errors, its storage and its shape. */
export interface ExpectedStateValue {
  readonly name: string;
  readonly kind: 'int' | 'float';
  readonly shape: readonly number[];
}

/**
 * Checks a saved state against what the optimizer `who` expects (iterations, learning_rate when
 * `headLength` is 2, then the slots; a state of the head alone is accepted): count, shapes, integer or
 * float storage, sizes and the head's values. Throws a NeuriteError naming the index and the expected
 * shape; returns the saved iterations and learning rate (null without one).
 */
export function checkSavedState(
  who: string,
  expected: readonly ExpectedStateValue[],
  saved: readonly SavedStateValue[],
  headLength: number,
  describeLayout: () => string,
): { iterations: number; savedRate: number | null } {
  if (saved.length !== expected.length && saved.length !== headLength) {
    throw new NeuriteError(`${who} has ${expected.length} variables (${describeLayout()}) whereas the saved optimizer has ${saved.length} variables`);
  }
  saved.forEach((value, i) => {
    const e = expected[i];
    const at = `${who}: saved variable ${i} (${e.name})`;
    const shape = value?.shape;
    if (!Array.isArray(shape) || shape.length !== e.shape.length || shape.some((d, k) => d !== e.shape[k])) {
      const got = Array.isArray(shape) ? `[${shape.join(', ')}]` : String(shape);
      throw new NeuriteError(`${at} must have shape [${e.shape.join(', ')}]; the saved one has ${got}`);
    }
    if (value.kind !== e.kind) {
      const words = (k: string) => (k === 'int' ? 'integers' : 'floating-point numbers');
      const dtype = e.kind === 'int' ? 'int64' : 'float32';
      throw new NeuriteError(`${at} must be stored as ${words(e.kind)} (${dtype}); the saved one holds ${words(value.kind)}`);
    }
    const size = e.shape.reduce((a, b) => a * b, 1);
    if (value.values?.length !== size) {
      throw new NeuriteError(`${at} must hold ${size} values (shape [${e.shape.join(', ')}]); the saved one holds ${String(value.values?.length)}`);
    }
  });
  const iterations = saved[0].values[0];
  if (!Number.isSafeInteger(iterations) || iterations < 0) {
    throw new NeuriteError(`${who}: saved variable 0 (iterations) must be an integer >= 0; the saved one is ${iterations}`);
  }
  const savedRate = headLength === 2 ? saved[1].values[0] : null;
  if (savedRate !== null && !(Number.isFinite(savedRate) && savedRate > 0)) {
    throw new NeuriteError(`${who}: saved variable 1 (learning_rate) must be a finite number > 0; the saved one is ${savedRate}`);
  }
  return { iterations, savedRate };
}
