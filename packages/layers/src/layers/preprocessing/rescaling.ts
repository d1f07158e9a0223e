import { add, checkFinite, mul, tidy, type Tensor } from '@neurite/tensor';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { singleInput } from '../core/arguments.js';

export interface RescalingArgs extends LayerArgs {
  /** The factor every value is multiplied by (1 / 255 turns pixels into [0, 1]). */
  scale: number;
  /** Added after scaling; 0 by default. */
  offset?: number;
}

/** Keras's `Rescaling`: `x * scale + offset`, in the model (so a saved model takes raw inputs). */
export class Rescaling extends Layer {
  static override className = 'Rescaling';
  static override argKeys = layerArgKeys<RescalingArgs>({ scale: true, offset: true });

  readonly scale: number;
  readonly offset: number;

  constructor(args: RescalingArgs) {
    super(args);
    this.scale = checkFinite('Rescaling', 'scale', args?.scale);
    this.offset = checkFinite('Rescaling', 'offset', args.offset ?? 0);
    this.supportsMasking = true;
  }

  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    const x = singleInput('Rescaling', inputs);
    return tidy(() => add(mul(x.dtype === 'float32' ? x : x.cast('float32'), this.scale), this.offset));
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), scale: this.scale, offset: this.offset };
  }
}

registerLayer(Rescaling);
