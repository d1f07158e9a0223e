import { add, cast, greaterEqual, mul, randomUniform, sub, tidy, type Tensor } from '@neurite/tensor';
import { type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { SeededLayer } from '../../engine/seeded-layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import type { LayerShape } from '../../engine/shape.js';
import {
  checkNoiseShape, checkRate, noiseShapeFor, resolveNoiseShape, singleInput,
} from './validate.js';

/** SELU's constants (Klambauer et al. 2017), at the precision Keras writes them. */
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;
/** The value SELU saturates to for large negative inputs: dropped units are set to it. */
const ALPHA_P = -SELU_ALPHA * SELU_SCALE;

export interface AlphaDropoutArgs extends LayerArgs {
  /** Fraction of the units to drop, in [0, 1). */
  rate: number;
  /** Shape of the mask, same rank as the input; a null entry takes the input's dimension. */
  noiseShape?: LayerShape | null;
  /** Makes the sequence of masks reproducible; without it masks come from the global generator. */
  seed?: number | null;
}

/**
 * Dropout for self-normalising (SELU) networks (Keras 3's `AlphaDropout`): dropped units are set to SELU's
 * negative saturation value and an affine map restores the mean 0 and variance 1 of standardised inputs.
 * Identity at inference.
 */
export class AlphaDropout extends SeededLayer {
  static override className = 'AlphaDropout';
  static override argKeys = layerArgKeys<AlphaDropoutArgs>({ rate: true, noiseShape: true, seed: true });

  readonly rate: number;
  readonly noiseShape: LayerShape | null;

  constructor(args: AlphaDropoutArgs) {
    super(args);
    this.supportsMasking = true; // a sequence mask passes through unchanged, as in Keras
    const cls = this.className;
    // rate 1 would make the affine factor infinite (Keras divides by zero there), so it is rejected.
    this.rate = checkRate(cls, args?.rate, false);
    this.noiseShape = checkNoiseShape(cls, args.noiseShape);
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    if (this.noiseShape !== null) resolveNoiseShape(this.className, this.noiseShape, inputShape as LayerShape);
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], { training }: Required<CallOptions>): Tensor {
    const x = singleInput(this.className, inputs);
    if (!training || this.rate === 0) return x.clone();
    const rate = this.rate;
    const noiseShape = noiseShapeFor(this.className, this.noiseShape, x);
    // a and b make a*x + b have mean 0 and variance 1 when x does (before the mask).
    const a = ((1 - rate) * (1 + rate * ALPHA_P ** 2)) ** -0.5;
    const b = -a * ALPHA_P * rate;
    return tidy(() => {
      const kept = cast(greaterEqual(randomUniform(noiseShape, { seed: this.seedGenerator }), rate), 'float32');
      const masked = add(mul(x, kept), mul(sub(1, kept), ALPHA_P));
      return add(mul(masked, a), b);
    });
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      rate: this.rate,
      noiseShape: this.noiseShape === null ? null : [...this.noiseShape],
    };
  }
}

registerLayer(AlphaDropout);
