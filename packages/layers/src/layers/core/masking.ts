import { cast, checkFinite, expandDims, max, mul, notEqual, tidy, type Tensor } from '@neurite/tensor';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig, layerArgKeys } from '../../engine/layer.js';
import { registerLayer } from '../../engine/layer-registry.js';
import { singleInput } from './arguments.js';

export interface MaskingArgs extends LayerArgs {
  /** A step whose features all equal this value is padding (0 by default). */
  maskValue?: number;
}

/**
 * Keras's `Masking`: marks the steps of [batch, steps, features] whose features all equal `maskValue` as
 * padding, zeroes them, and hands the mask to the layers downstream (recurrent layers skip those steps).
 */
export class Masking extends Layer {
  static override className = 'Masking';
  static override argKeys = layerArgKeys<MaskingArgs>({ maskValue: true });

  readonly maskValue: number;

  constructor(args: MaskingArgs = {}) {
    super(args);
    this.maskValue = checkFinite('Masking', 'maskValue', args.maskValue ?? 0);
    this.supportsMasking = true;
  }

  /** The step mask, of shape [batch, steps]; a step is kept where some feature differs from maskValue. */
  private stepMask(x: Tensor): Tensor {
    return tidy(() => notEqual(max(cast(notEqual(x, this.maskValue), 'float32'), { axis: -1 }), 0));
  }

  call(inputs: Tensor | Tensor[], _options: Required<CallOptions>): Tensor {
    const x = singleInput('Masking', inputs);
    return tidy(() => mul(x, expandDims(cast(this.stepMask(x), x.dtype), { axis: -1 })));
  }

  override computeMask(inputs: Tensor | Tensor[], _mask: Tensor | null): Tensor {
    return this.stepMask(singleInput('Masking', inputs));
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), maskValue: this.maskValue };
  }
}

registerLayer(Masking);
