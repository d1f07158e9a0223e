import { NeuriteError, assertValidShape } from '@neurite/tensor';

/** A limit on the values the weights created inside `withWeightBudget` may hold together. */
interface WeightBudget {
  limit: number;
  holds: number;
  used: number;
  holder: string;
}

/**
 * Values allowed beyond what the holder has (4 MiB of float32), so that a small mismatch (5 units where
 * the file has 6) reaches the loader's comparison of shapes, whose error names the weight and both
 * shapes; only a config that needs far more than its file holds is refused here.
 */
export const WEIGHT_BUDGET_SLACK = 2 ** 20;

const budgets: WeightBudget[] = [];

/**
 * Runs `fn` (which builds layers) with a limit on the values their new weights may hold together
 * (`values`, plus WEIGHT_BUDGET_SLACK): `addWeight` refuses, naming the weight, its shape and the
 * limit, before allocating a weight that would pass it. Loaders use it to build a model from a file's config with at most as many values as the
 * file's weights hold, so a config that declares huge layers is refused before it costs memory.
 * `holder` says what holds the values, for the error ("the weights file 'm.keras'").
 */
export function withWeightBudget<T>(values: number, holder: string, fn: () => T): T {
  if (!Number.isFinite(values) || values < 0) throw new NeuriteError(`withWeightBudget: values must be a finite number >= 0. Received: values=${values}`);
  budgets.push({ limit: values + WEIGHT_BUDGET_SLACK, holds: values, used: 0, holder });
  try {
    return fn();
  } finally {
    budgets.pop();
  }
}

/** Checks a new weight's shape (valid, not too large for a tensor, within the active budget) and counts it. */
export function chargeWeight(owner: string, weight: string, shape: readonly number[]): void {
  assertValidShape(owner, `weight '${weight}' of shape`, shape as number[]);
  const budget = budgets[budgets.length - 1];
  if (!budget) return;
  const size = shape.reduce((a, b) => a * b, 1);
  if (budget.used + size > budget.limit) {
    const n = (v: number) => v.toLocaleString('en-US');
    throw new NeuriteError(
      `${owner}: weight '${weight}' of shape [${shape.join(', ')}] (${n(size)} values) would take the model's weights to ` +
        `${n(budget.used + size)} values, far more than ${budget.holder} holds (${n(budget.holds)}): the config does not match its weights`,
    );
  }
  budget.used += size;
}
