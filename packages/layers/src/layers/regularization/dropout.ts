import { dropout, mul, tidy, type Tensor } from '@neurite/tensor';
import { type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { SeededLayer } from '../../engine/seeded-layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import type { LayerShape } from '../../engine/shape.js';
import {
  argError, checkNoiseShape, checkRate, noiseShapeFor, resolveNoiseShape, singleInput,
} from './validate.js';

/** How kept units are scaled: in training ('inverted', Keras's default) or at inference ('inference'). */
export type DropoutScaling = 'inverted' | 'inference';

export interface DropoutArgs extends LayerArgs {
  /** Fraction of the units to drop, in [0, 1]. */
  rate: number;
  /**
   * Shape of the mask, same rank as the input; a null entry takes the input's dimension and a 1 shares one
   * mask value along that axis (`[null, 1, null]` drops whole channels of a `[batch, steps, channels]` input).
   */
  noiseShape?: LayerShape | null;
  /** Makes the sequence of masks reproducible; without it masks come from the global generator. */
  seed?: number | null;
  /**
   * 'inverted' (default, as Keras): kept units are multiplied by 1 / (1 - rate) in training and inference is
   * the identity. 'inference' (the original paper): kept units are left as they are in training and the
   * outputs are multiplied by 1 - rate at inference.
   */
  scaling?: DropoutScaling;
}

/**
 * Zeroes each unit with probability `rate` in training (Keras's `Dropout`). Active only when called with
 * `training: true`, so calling it in training mode at prediction time gives Monte-Carlo dropout.
 */
export class Dropout extends SeededLayer {
  static override className = 'Dropout';
  static override argKeys = layerArgKeys<DropoutArgs>({ rate: true, noiseShape: true, seed: true, scaling: true });

  readonly rate: number;
  readonly noiseShape: LayerShape | null;
  readonly scaling: DropoutScaling;

  constructor(args: DropoutArgs) {
    super(args);
    this.supportsMasking = true; // a sequence mask passes through unchanged, as in Keras
    const cls = this.className;
    this.rate = checkRate(cls, args?.rate);
    this.noiseShape = checkNoiseShape(cls, args.noiseShape);
    const scaling = args.scaling ?? 'inverted';
    if (scaling !== 'inverted' && scaling !== 'inference') {
      throw argError(cls, 'scaling', "'inverted' or 'inference'", scaling);
    }
    this.scaling = scaling;
  }

  override build(inputShape: LayerShape | LayerShape[]): void {
    if (this.noiseShape !== null) resolveNoiseShape(this.className, this.noiseShape, inputShape as LayerShape);
    super.build(inputShape);
  }

  call(inputs: Tensor | Tensor[], { training }: Required<CallOptions>): Tensor {
    const x = singleInput(this.className, inputs);
    if (!training) {
      // With 'inference' scaling the expected training output is x * (1 - rate), so inference matches it.
      // (tidy frees the scalar tensor that the number operand becomes.)
      return this.scaling === 'inference' && this.rate > 0 ? tidy(() => mul(x, 1 - this.rate)) : x.clone();
    }
    return dropout(x, this.rate, {
      noiseShape: noiseShapeFor(this.className, this.noiseShape, x),
      seed: this.seedGenerator,
      scaling: this.scaling,
    });
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      rate: this.rate,
      noiseShape: this.noiseShape === null ? null : [...this.noiseShape],
      scaling: this.scaling,
    };
  }
}

registerLayer(Dropout);
