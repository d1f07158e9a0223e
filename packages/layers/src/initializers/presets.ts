import { registerInitializer, type InitializerConfig } from './initializer.js';
import { VarianceScaling, type FanMode, type VarianceScalingDistribution } from './variance-scaling.js';
import { checkConfig } from './argument-checks.js';

export interface SeedConfig {
  /** An integer makes every call give the same values. */
  seed?: number | null;
}

/**
 * A `VarianceScaling` with fixed scale, mode and distribution, registered under Keras's class name and
 * its snake_case and camelCase aliases: only the seed is configurable, and only the seed is in its config.
 */
/** A preset initializer class: constructed with an optional seed. */
export type PresetInitializerClass = (new (config?: SeedConfig) => VarianceScaling) & { readonly className: string };

function preset(className: string, scale: number, mode: FanMode, distribution: VarianceScalingDistribution, snake: string, camel: string): PresetInitializerClass {
  const cls = class extends VarianceScaling {
    static override className = className;
    constructor(config?: SeedConfig) {
      const { seed } = checkConfig(className, config, ['seed']);
      super({ scale, mode, distribution, seed });
    }
    override getConfig(): InitializerConfig {
      return { seed: this.seed };
    }
  };
  registerInitializer(cls, snake, camel);
  return cls;
}

/** Keras's `GlorotUniform` (Xavier): uniform, variance 2 / (fanIn + fanOut). */
export const GlorotUniform = preset('GlorotUniform', 1, 'fan_avg', 'uniform', 'glorot_uniform', 'glorotUniform');
export type GlorotUniform = InstanceType<typeof GlorotUniform>;

/** Keras's `GlorotNormal` (Xavier): truncated normal, variance 2 / (fanIn + fanOut). */
export const GlorotNormal = preset('GlorotNormal', 1, 'fan_avg', 'truncated_normal', 'glorot_normal', 'glorotNormal');
export type GlorotNormal = InstanceType<typeof GlorotNormal>;

/** Keras's `HeNormal`: truncated normal, variance 2 / fanIn (for ReLU networks). */
export const HeNormal = preset('HeNormal', 2, 'fan_in', 'truncated_normal', 'he_normal', 'heNormal');
export type HeNormal = InstanceType<typeof HeNormal>;

/** Keras's `HeUniform`: uniform, variance 2 / fanIn. */
export const HeUniform = preset('HeUniform', 2, 'fan_in', 'uniform', 'he_uniform', 'heUniform');
export type HeUniform = InstanceType<typeof HeUniform>;

/** Keras's `LecunNormal`: truncated normal, variance 1 / fanIn (for SELU networks). */
export const LecunNormal = preset('LecunNormal', 1, 'fan_in', 'truncated_normal', 'lecun_normal', 'lecunNormal');
export type LecunNormal = InstanceType<typeof LecunNormal>;

/** Keras's `LecunUniform`: uniform, variance 1 / fanIn. */
export const LecunUniform = preset('LecunUniform', 1, 'fan_in', 'uniform', 'lecun_uniform', 'lecunUniform');
export type LecunUniform = InstanceType<typeof LecunUniform>;
