import { randomNormal, randomUniform, truncatedNormal, type DType, type Tensor } from '@neurite/tensor';
import { registerInitializer, type InitializerConfig } from './initializer.js';
import { RandomInitializer } from './random-initializer.js';
import { argumentError, checkConfig, checkFinite, checkNonNegative } from './argument-checks.js';

export interface RandomNormalConfig {
  /** Default 0. */
  mean?: number;
  /** Default 0.05 (Keras's default). */
  stddev?: number;
  /** An integer makes every call give the same values. */
  seed?: number | null;
}

/** Keras's `RandomNormal`: normal values with `mean` and `stddev`. */
export class RandomNormal extends RandomInitializer {
  static override className = 'RandomNormal';
  readonly mean: number;
  readonly stddev: number;

  constructor(config?: RandomNormalConfig) {
    const c = checkConfig('RandomNormal', config, ['mean', 'stddev', 'seed']);
    super('RandomNormal', c.seed);
    this.mean = checkFinite('RandomNormal', 'mean', c.mean ?? 0);
    this.stddev = checkNonNegative('RandomNormal', 'stddev', c.stddev ?? 0.05);
  }

  apply(shape: number[], dtype: DType = 'float32'): Tensor {
    this.checkDType(dtype);
    return randomNormal(shape, { mean: this.mean, stddev: this.stddev, seed: this.opSeed });
  }

  override getConfig(): InitializerConfig {
    return { mean: this.mean, stddev: this.stddev, ...super.getConfig() };
  }
}

/** Keras's `TruncatedNormal`: normal values redrawn when more than 2 stddev from the mean. */
export class TruncatedNormal extends RandomInitializer {
  static override className = 'TruncatedNormal';
  readonly mean: number;
  readonly stddev: number;

  constructor(config?: RandomNormalConfig) {
    const c = checkConfig('TruncatedNormal', config, ['mean', 'stddev', 'seed']);
    super('TruncatedNormal', c.seed);
    this.mean = checkFinite('TruncatedNormal', 'mean', c.mean ?? 0);
    this.stddev = checkNonNegative('TruncatedNormal', 'stddev', c.stddev ?? 0.05);
  }

  apply(shape: number[], dtype: DType = 'float32'): Tensor {
    this.checkDType(dtype);
    return truncatedNormal(shape, { mean: this.mean, stddev: this.stddev, seed: this.opSeed });
  }

  override getConfig(): InitializerConfig {
    return { mean: this.mean, stddev: this.stddev, ...super.getConfig() };
  }
}

export interface RandomUniformConfig {
  /** Lower bound, included (default -0.05). */
  minval?: number;
  /** Upper bound, excluded (default 0.05). */
  maxval?: number;
  /** An integer makes every call give the same values. */
  seed?: number | null;
}

/** Keras's `RandomUniform`: uniform values in [minval, maxval). */
export class RandomUniform extends RandomInitializer {
  static override className = 'RandomUniform';
  readonly minval: number;
  readonly maxval: number;

  constructor(config?: RandomUniformConfig) {
    const c = checkConfig('RandomUniform', config, ['minval', 'maxval', 'seed']);
    super('RandomUniform', c.seed);
    this.minval = checkFinite('RandomUniform', 'minval', c.minval ?? -0.05);
    this.maxval = checkFinite('RandomUniform', 'maxval', c.maxval ?? 0.05);
    if (!(this.maxval > this.minval)) {
      throw argumentError('RandomUniform', 'maxval', `greater than minval (${this.minval})`, this.maxval);
    }
  }

  apply(shape: number[], dtype: DType = 'float32'): Tensor {
    this.checkDType(dtype);
    return randomUniform(shape, { min: this.minval, max: this.maxval, seed: this.opSeed });
  }

  override getConfig(): InitializerConfig {
    return { minval: this.minval, maxval: this.maxval, ...super.getConfig() };
  }
}

registerInitializer(RandomNormal, 'random_normal', 'randomNormal');
registerInitializer(TruncatedNormal, 'truncated_normal', 'truncatedNormal');
registerInitializer(RandomUniform, 'random_uniform', 'randomUniform');
