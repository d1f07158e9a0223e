import { registerInitializer, type InitializerConfig } from './initializer.js';
import { VarianceScaling, type FanMode, type VarianceScalingDistribution } from './variance-scaling.js';
import { checkConfig } from './argument-checks.js';

export interface SeedConfig {
  /** An integer makes every call give the same values. */
  seed?: number | null;
}

/** A `VarianceScaling` with fixed scale, mode and distribution: only the seed is configurable. */
function presetArgs(owner: string, config: SeedConfig | undefined, scale: number, mode: FanMode, distribution: VarianceScalingDistribution) {
  const { seed } = checkConfig(owner, config, ['seed']);
  return { scale, mode, distribution, seed };
}

/** Keras's `GlorotUniform` (Xavier): uniform, variance 2 / (fanIn + fanOut). */
export class GlorotUniform extends VarianceScaling {
  static override className = 'GlorotUniform';
  constructor(config?: SeedConfig) {
    super(presetArgs('GlorotUniform', config, 1, 'fan_avg', 'uniform'));
  }
  override getConfig(): InitializerConfig {
    return { seed: this.seed };
  }
}

/** Keras's `GlorotNormal` (Xavier): truncated normal, variance 2 / (fanIn + fanOut). */
export class GlorotNormal extends VarianceScaling {
  static override className = 'GlorotNormal';
  constructor(config?: SeedConfig) {
    super(presetArgs('GlorotNormal', config, 1, 'fan_avg', 'truncated_normal'));
  }
  override getConfig(): InitializerConfig {
    return { seed: this.seed };
  }
}

/** Keras's `HeNormal`: truncated normal, variance 2 / fanIn (for ReLU networks). */
export class HeNormal extends VarianceScaling {
  static override className = 'HeNormal';
  constructor(config?: SeedConfig) {
    super(presetArgs('HeNormal', config, 2, 'fan_in', 'truncated_normal'));
  }
  override getConfig(): InitializerConfig {
    return { seed: this.seed };
  }
}

/** Keras's `HeUniform`: uniform, variance 2 / fanIn. */
export class HeUniform extends VarianceScaling {
  static override className = 'HeUniform';
  constructor(config?: SeedConfig) {
    super(presetArgs('HeUniform', config, 2, 'fan_in', 'uniform'));
  }
  override getConfig(): InitializerConfig {
    return { seed: this.seed };
  }
}

/** Keras's `LecunNormal`: truncated normal, variance 1 / fanIn (for SELU networks). */
export class LecunNormal extends VarianceScaling {
  static override className = 'LecunNormal';
  constructor(config?: SeedConfig) {
    super(presetArgs('LecunNormal', config, 1, 'fan_in', 'truncated_normal'));
  }
  override getConfig(): InitializerConfig {
    return { seed: this.seed };
  }
}

/** Keras's `LecunUniform`: uniform, variance 1 / fanIn. */
export class LecunUniform extends VarianceScaling {
  static override className = 'LecunUniform';
  constructor(config?: SeedConfig) {
    super(presetArgs('LecunUniform', config, 1, 'fan_in', 'uniform'));
  }
  override getConfig(): InitializerConfig {
    return { seed: this.seed };
  }
}

registerInitializer(GlorotUniform, 'glorot_uniform', 'glorotUniform');
registerInitializer(GlorotNormal, 'glorot_normal', 'glorotNormal');
registerInitializer(HeNormal, 'he_normal', 'heNormal');
registerInitializer(HeUniform, 'he_uniform', 'heUniform');
registerInitializer(LecunNormal, 'lecun_normal', 'lecunNormal');
registerInitializer(LecunUniform, 'lecun_uniform', 'lecunUniform');
