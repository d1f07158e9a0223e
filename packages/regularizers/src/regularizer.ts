import { NeuriteError, type Tensor, describeValue } from '@neurite/tensor';

/** A regularizer's configuration: plain data with Keras's keys (`l1`, `l2`, `factor`, `mode`). */
export type RegularizerConfig = Record<string, number | string | boolean | null>;

/**
 * A penalty on a weight tensor, added to the training loss. Subclasses compute `apply(x)` (a scalar
 * tensor) and report their configuration with Keras's keys; `className` is Keras's class name.
 */
export abstract class Regularizer {
  /** Keras's class name, used by `serialize`. */
  static className: string;

  /** The penalty for `x`: a float32 scalar tensor. */
  abstract apply(x: Tensor): Tensor;

  abstract getConfig(): RegularizerConfig;

  get className(): string {
    return (this.constructor as typeof Regularizer).className;
  }
}

/** Checks a penalty factor: finite and non-negative, else an error that names it. */
export function checkFactor(owner: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new NeuriteError(`${owner}: ${name} must be a finite number >= 0. Received: ${name}=${describeValue(value)}`);
  }
  return value;
}
