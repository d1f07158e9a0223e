import { argError, checkFinite, checkName, checkNonNegative, checkOptions } from '../validate.js';
import { Schedule } from './schedule.js';

/** Options of PiecewiseConstantDecay. */
export interface PiecewiseConstantDecayArgs {
  /** Strictly increasing step boundaries. */
  boundaries: number[];
  /** One more value than boundaries: `values[i]` applies while `boundaries[i-1] < step <= boundaries[i]`. */
  values: number[];
  name?: string;
}

/** A step function as Keras's: `values[0]` up to and including `boundaries[0]`, and so on. */
export class PiecewiseConstantDecay extends Schedule {
  static override readonly className: string = 'PiecewiseConstantDecay';
  readonly boundaries: readonly number[];
  readonly values: readonly number[];
  readonly name: string;

  constructor(args: PiecewiseConstantDecayArgs) {
    super();
    const o = 'PiecewiseConstantDecay';
    const a = checkOptions(o, args ?? null, ['boundaries', 'values', 'name']);
    if (!Array.isArray(a.boundaries)) throw argError(o, 'boundaries', 'an array of numbers', a.boundaries);
    if (!Array.isArray(a.values)) throw argError(o, 'values', 'an array of numbers', a.values);
    a.boundaries.forEach((b, i) => checkFinite(o, `boundaries[${i}]`, b));
    a.boundaries.forEach((b, i) => {
      if (i > 0 && b <= a.boundaries![i - 1]) throw argError(o, 'boundaries', 'strictly increasing', a.boundaries);
    });
    a.values.forEach((v, i) => checkNonNegative(o, `values[${i}]`, v));
    if (a.values.length !== a.boundaries.length + 1) {
      throw argError(o, 'values', `one element longer than boundaries (${a.boundaries.length + 1} elements)`, a.values);
    }
    this.boundaries = [...a.boundaries];
    this.values = [...a.values];
    this.name = checkName(o, a.name ?? 'PiecewiseConstant');
  }

  protected valueAt(step: number): number {
    const i = this.boundaries.findIndex((b) => step <= b);
    return this.values[i === -1 ? this.values.length - 1 : i];
  }

  getConfig(): Record<string, unknown> {
    return { boundaries: [...this.boundaries], values: [...this.values], name: this.name };
  }
}
