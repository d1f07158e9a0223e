import { MaxNorm, type MaxNormConfig } from './max-norm.js';
import { MinMaxNorm, type MinMaxNormConfig } from './min-max-norm.js';
import { NonNeg } from './non-neg.js';
import { UnitNorm, type UnitNormConfig } from './unit-norm.js';

/** Factories for every built-in constraint, Keras-style (`constraints.maxNorm({ maxValue: 3 })`). */
export const constraints = {
  maxNorm: (config?: MaxNormConfig) => new MaxNorm(config),
  unitNorm: (config?: UnitNormConfig) => new UnitNorm(config),
  nonNeg: () => new NonNeg(),
  minMaxNorm: (config?: MinMaxNormConfig) => new MinMaxNorm(config),
} as const;
