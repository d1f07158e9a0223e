// Argument checks and weight-option helpers shared by the core, convolutional, pooling, reshaping and
// normalization layers. Every check throws `Cls: arg must be <expected>. Received: arg=<value>`.
import { NeuriteError, argumentError, checkOneOf as checkOneOfShared, describeValue, type Tensor } from '@neurite/tensor';
import { getRegularizer, serialize, type Regularizer, type RegularizerIdentifier } from '@neurite/regularizers';
import {
  getConstraint, serializeConstraint, type Constraint, type ConstraintIdentifier,
} from '../../constraints/constraint.js';
import {
  getInitializer, serializeInitializer, type Initializer, type InitializerIdentifier,
} from '../../initializers/initializer.js';
import { describeShape, isShapeList, type LayerShape } from '../../engine/shape.js';

/** `Cls: arg must be <expected>. Received: arg=<value>` (the tensor core's one form). */
export const argError = argumentError;
export { checkPositiveInt, checkBoolean, checkInteger } from '@neurite/tensor';

/** True for an integer >= 1. */
export function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}

/** A finite number in [lo, hi] (or (lo, hi] when `openLow`). */
export function checkNumberIn(cls: string, arg: string, v: unknown, lo: number, hi: number, openLow = false): number {
  const ok = typeof v === 'number' && Number.isFinite(v) && (openLow ? v > lo : v >= lo) && v <= hi;
  if (!ok) throw argError(cls, arg, `a number in ${openLow ? '(' : '['}${lo}, ${hi === Infinity ? 'Infinity)' : `${hi}]`}`, v);
  return v as number;
}

/**
 * Keras's `standardize_tuple`: a positive integer, or an array of `n` positive integers, as an array of
 * `n` integers (`kernelSize: 3` -> `[3, 3]` for a 2-D layer).
 */
export function checkTuple(cls: string, arg: string, v: unknown, n: number): number[] {
  if (isPositiveInt(v)) return new Array<number>(n).fill(v);
  if (Array.isArray(v) && v.length === n && v.every(isPositiveInt)) return [...v];
  const expected = n === 1 ? 'a positive integer (or [n])' : `a positive integer or an array of ${n} positive integers`;
  throw argError(cls, arg, expected, v);
}

/** One of a few allowed strings. */
export function checkOneOf<T extends string>(cls: string, arg: string, v: unknown, allowed: readonly T[]): T {
  return checkOneOfShared(cls, arg, v, allowed, ' or ');
}

/** Keras's `data_format`, in camelCase. */
export type DataFormat = 'channelsLast' | 'channelsFirst';

/** 'channelsLast' (the default, for undefined) or 'channelsFirst'. */
export function checkDataFormat(cls: string, v: unknown): DataFormat {
  return checkOneOf(cls, 'dataFormat', v ?? 'channelsLast', ['channelsLast', 'channelsFirst']);
}

/** The one input of a single-input layer. */
export function singleInput(cls: string, inputs: Tensor | Tensor[]): Tensor {
  if (Array.isArray(inputs)) {
    if (inputs.length !== 1) throw argError(cls, 'inputs', 'a single tensor', `${inputs.length} tensors`);
    return inputs[0];
  }
  return inputs;
}

/** The one shape of a single-input layer's `build` / `computeOutputShape` argument. */
export function singleShape(cls: string, shape: LayerShape | LayerShape[]): LayerShape {
  if (isShapeList(shape)) {
    if (shape.length !== 1) throw argError(cls, 'inputShape', 'a single shape', shape);
    return shape[0];
  }
  return shape;
}

/** `Cls: expected input of rank 4 (...). Received: shape=[...]`. */
export function checkRank(cls: string, shape: readonly (number | null)[], rank: number, what: string): void {
  if (shape.length !== rank) {
    throw new NeuriteError(`${cls}: expected input of rank ${rank} (${what}). Received: shape=${describeShape(shape)}`);
  }
}

/** The channel axis of an input of rank `rank`. */
export function channelAxis(format: DataFormat, rank: number): number {
  return format === 'channelsFirst' ? 1 : rank - 1;
}

/** The spatial axes of an input of rank `rank` in `format`. */
export function spatialAxes(format: DataFormat, rank: number): number[] {
  const first = format === 'channelsFirst' ? 2 : 1;
  return Array.from({ length: rank - 2 }, (_, i) => first + i);
}

function ownerOf(cls: string, arg: string): string {
  return `${cls}: ${arg}`;
}

/** An initializer argument (name, `{ className, config }` or instance); errors name the argument. */
export function resolveInitializer(cls: string, arg: string, id: InitializerIdentifier | undefined, fallback: string): Initializer {
  return getInitializer(id ?? fallback, ownerOf(cls, arg));
}

/** A regularizer argument (name, `{ className, config }`, instance or null); errors name the argument. */
export function resolveRegularizer(cls: string, arg: string, id: RegularizerIdentifier | null | undefined): Regularizer | null {
  try {
    return getRegularizer(id);
  } catch (e) {
    throw new NeuriteError(`${cls}: ${arg}: ${(e as Error).message}. Received: ${arg}=${describeValue(id)}`);
  }
}

/** A constraint argument (name, `{ className, config }`, instance or null); errors name the argument. */
export function resolveConstraint(cls: string, arg: string, id: ConstraintIdentifier | null | undefined): Constraint | null {
  return id == null ? null : getConstraint(id, ownerOf(cls, arg));
}

/** `{ className, config }` of an initializer. */
export function initializerConfig(init: Initializer): Record<string, unknown> {
  return serializeInitializer(init);
}

/** `{ className, config }` of a regularizer, or null. */
export function regularizerConfig(reg: Regularizer | null): Record<string, unknown> | null {
  return reg === null ? null : { ...serialize(reg) };
}

/** `{ className, config }` of a constraint, or null. */
export function constraintConfig(c: Constraint | null): Record<string, unknown> | null {
  return c === null ? null : serializeConstraint(c);
}
