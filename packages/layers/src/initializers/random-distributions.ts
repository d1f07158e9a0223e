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

/** The shared part of RandomNormal and TruncatedNormal: `mean` and `stddev` checked, kept and serialized. */
abstract class NormalInitializer extends RandomInitializer {
  readonly mean: number;
  readonly stddev: number;

  protected constructor(className: string, config: RandomNormalConfig | undefined) {
    const c = checkConfig(className, config, ['mean', 'stddev', 'seed']);
    super(className, c.seed);
    this.mean = checkFinite(className, 'mean', c.mean ?? 0);
    this.stddev = checkNonNegative(className, 'stddev', c.stddev ?? 0.05);
  }

  /** The tensor core's op that draws the values. */
  protected abstract readonly draw: typeof randomNormal;

  apply(shape: number[], dtype: DType = 'float32'): Tensor {
    this.checkDType(dtype);
    return this.draw(shape, { mean: this.mean, stddev: this.stddev, seed: this.opSeed });
  }

  override getConfig(): InitializerConfig {
    return { mean: this.mean, stddev: this.stddev, ...super.getConfig() };
  }
}

/** Keras's `RandomNormal`: normal values with `mean` and `stddev`. */
export class RandomNormal extends NormalInitializer {
  static override className = 'RandomNormal';
  protected readonly draw = randomNormal;

  constructor(config?: RandomNormalConfig) {
    super('RandomNormal', config);
  }
}

/** Keras's `TruncatedNormal`: normal values redrawn when more than 2 stddev from the mean. */
export class TruncatedNormal extends NormalInitializer {
  static override className = 'TruncatedNormal';
  protected readonly draw = truncatedNormal;

  constructor(config?: RandomNormalConfig) {
    super('TruncatedNormal', config);
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
