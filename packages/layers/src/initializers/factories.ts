import { Constant, Ones, Zeros, type ConstantConfig } from './constant.js';
import {
  RandomNormal, RandomUniform, TruncatedNormal, type RandomNormalConfig, type RandomUniformConfig,
} from './random-distributions.js';
import { VarianceScaling, type VarianceScalingConfig } from './variance-scaling.js';
import {
  GlorotNormal, GlorotUniform, HeNormal, HeUniform, LecunNormal, LecunUniform, type SeedConfig,
} from './presets.js';
import { Orthogonal, type OrthogonalConfig } from './orthogonal.js';

/**
 * Factories for every built-in initializer, Keras-style (`initializers.glorotUniform({ seed: 1 })`). A
 * namespace object, because `zeros` and `ones` would clash with the tensor ops of the same name.
 */
export const initializers = {
  zeros: () => new Zeros(),
  ones: () => new Ones(),
  constant: (config?: ConstantConfig) => new Constant(config),
  randomNormal: (config?: RandomNormalConfig) => new RandomNormal(config),
  randomUniform: (config?: RandomUniformConfig) => new RandomUniform(config),
  truncatedNormal: (config?: RandomNormalConfig) => new TruncatedNormal(config),
  varianceScaling: (config?: VarianceScalingConfig) => new VarianceScaling(config),
  glorotUniform: (config?: SeedConfig) => new GlorotUniform(config),
  glorotNormal: (config?: SeedConfig) => new GlorotNormal(config),
  heNormal: (config?: SeedConfig) => new HeNormal(config),
  heUniform: (config?: SeedConfig) => new HeUniform(config),
  lecunNormal: (config?: SeedConfig) => new LecunNormal(config),
  lecunUniform: (config?: SeedConfig) => new LecunUniform(config),
  orthogonal: (config?: OrthogonalConfig) => new Orthogonal(config),
} as const;
