import { mul, randomNormal, tidy, type Tensor } from '@neurite/tensor';
import { type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { SeededLayer } from '../../engine/seeded-layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { checkRate, singleInput } from './validate.js';

export interface GaussianDropoutArgs extends LayerArgs {
  /** The drop probability this noise stands in for, in [0, 1): the noise has stddev sqrt(rate / (1 - rate)). */
  rate: number;
  /** Makes the sequence of noise draws reproducible; without it they come from the global generator. */
  seed?: number | null;
}

/**
 * Multiplies the inputs by noise ~ N(1, rate / (1 - rate)) in training (Keras 3's `GaussianDropout`): the
 * same mean and variance as inverted dropout at `rate`, without zeros. Identity at inference.
 */
export class GaussianDropout extends SeededLayer {
  static override className = 'GaussianDropout';
  static override argKeys = layerArgKeys<GaussianDropoutArgs>({ rate: true, seed: true });

  readonly rate: number;

  constructor(args: GaussianDropoutArgs) {
    super(args);
    this.supportsMasking = true; // a sequence mask passes through unchanged, as in Keras
    this.rate = checkRate(this.className, args?.rate, false);
  }

  call(inputs: Tensor | Tensor[], { training }: Required<CallOptions>): Tensor {
    const x = singleInput(this.className, inputs);
    if (!training || this.rate === 0) return x.clone();
    const stddev = Math.sqrt(this.rate / (1 - this.rate));
    return tidy(() => mul(x, randomNormal(x.shape, { mean: 1, stddev, seed: this.seedGenerator })));
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), rate: this.rate };
  }
}

registerLayer(GaussianDropout);
