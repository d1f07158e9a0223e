import { randomNormal, randomUniform, truncatedNormal, type DType, type Tensor } from '@neurite/tensor';
import { registerInitializer, type InitializerConfig } from './initializer.js';
import { RandomInitializer } from './random-initializer.js';
import { argumentError, checkConfig, checkOneOf } from './argument-checks.js';
import { computeFans } from './fans.js';

export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg';
export type VarianceScalingDistribution = 'truncated_normal' | 'untruncated_normal' | 'uniform';

export interface VarianceScalingConfig {
  /** Default 1; must be > 0. */
  scale?: number;
  /** Which fan divides the scale (default 'fan_in'). */
  mode?: FanMode;
  /** Default 'truncated_normal'. */
  distribution?: VarianceScalingDistribution;
  /** An integer makes every call give the same values. */
  seed?: number | null;
}

const MODES: readonly FanMode[] = ['fan_in', 'fan_out', 'fan_avg'];
const DISTRIBUTIONS: readonly VarianceScalingDistribution[] = ['truncated_normal', 'untruncated_normal', 'uniform'];

/**
 * The stddev of a standard normal truncated to [-2, 2]: dividing by it gives the truncated draw the
 * variance asked for (Keras's constant).
 */
const TRUNCATED_NORMAL_STDDEV = 0.87962566103423978;

/**
 * Keras's `VarianceScaling`: values with variance `scale / n`, n being fan_in, fan_out or their mean
 * (at least 1; see `computeFans`). Truncated normal: stddev sqrt(scale / n) / 0.8796..., then truncated
 * at 2 stddev; untruncated normal: stddev sqrt(scale / n); uniform: [-sqrt(3 scale / n), sqrt(3 scale / n)).
 */
export class VarianceScaling extends RandomInitializer {
  static override className = 'VarianceScaling';
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: VarianceScalingDistribution;

  constructor(config?: VarianceScalingConfig) {
    const owner = (new.target as typeof VarianceScaling).className ?? VarianceScaling.className;
    const c = checkConfig(owner, config, ['scale', 'mode', 'distribution', 'seed']);
    super(owner, c.seed);
    const scale = c.scale ?? 1;
    if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0) {
      throw argumentError(owner, 'scale', 'a finite number > 0', scale);
    }
    this.scale = scale;
    this.mode = checkOneOf(owner, 'mode', c.mode ?? 'fan_in', MODES);
    this.distribution = checkOneOf(owner, 'distribution', c.distribution ?? 'truncated_normal', DISTRIBUTIONS);
  }

  /** The variance this initializer aims at for `shape`: scale / max(1, fan). */
  variance(shape: readonly number[]): number {
    const { fanIn, fanOut } = computeFans(shape);
    const fan = this.mode === 'fan_in' ? fanIn : this.mode === 'fan_out' ? fanOut : (fanIn + fanOut) / 2;
    return this.scale / Math.max(1, fan);
  }

  apply(shape: number[], dtype: DType = 'float32'): Tensor {
    this.checkDType(dtype);
    const variance = this.variance(shape);
    const seed = this.opSeed;
    if (this.distribution === 'truncated_normal') {
      return truncatedNormal(shape, { stddev: Math.sqrt(variance) / TRUNCATED_NORMAL_STDDEV, seed });
    }
    if (this.distribution === 'untruncated_normal') return randomNormal(shape, { stddev: Math.sqrt(variance), seed });
    const limit = Math.sqrt(3 * variance);
    return randomUniform(shape, { min: -limit, max: limit, seed });
  }

  override getConfig(): InitializerConfig {
    return { scale: this.scale, mode: this.mode, distribution: this.distribution, ...super.getConfig() };
  }
}

registerInitializer(VarianceScaling, 'variance_scaling', 'varianceScaling');
