import { add, randomNormal, tidy, type Tensor } from '@neurite/tensor';
import { type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { SeededLayer } from '../../engine/seeded-layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { argError, singleInput } from './validate.js';

export interface GaussianNoiseArgs extends LayerArgs {
  /** Standard deviation of the added noise: a finite number >= 0. */
  stddev: number;
  /** Makes the sequence of noise draws reproducible; without it they come from the global generator. */
  seed?: number | null;
}

/** Adds zero-mean Gaussian noise of `stddev` to the inputs in training (Keras's `GaussianNoise`); identity at inference. */
export class GaussianNoise extends SeededLayer {
  static override className = 'GaussianNoise';
  static override argKeys = layerArgKeys<GaussianNoiseArgs>({ stddev: true, seed: true });

  readonly stddev: number;

  constructor(args: GaussianNoiseArgs) {
    super(args);
    this.supportsMasking = true; // a sequence mask passes through unchanged, as in Keras
    const stddev = args?.stddev;
    // Keras 3 also caps stddev at 1; any non-negative spread is meaningful, so only negatives are rejected.
    if (typeof stddev !== 'number' || !Number.isFinite(stddev) || stddev < 0) {
      throw argError(this.className, 'stddev', 'a finite number >= 0', stddev);
    }
    this.stddev = stddev;
  }

  call(inputs: Tensor | Tensor[], { training }: Required<CallOptions>): Tensor {
    const x = singleInput(this.className, inputs);
    if (!training || this.stddev === 0) return x.clone();
    return tidy(() => add(x, randomNormal(x.shape, { mean: 0, stddev: this.stddev, seed: this.seedGenerator })));
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), stddev: this.stddev };
  }
}

registerLayer(GaussianNoise);
