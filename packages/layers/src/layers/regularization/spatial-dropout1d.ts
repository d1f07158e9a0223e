import { registerLayer } from '../../engine/layer-registry.js';
import { SpatialDropout, type SpatialDropoutArgs, SPATIAL_DROPOUT_ARG_KEYS } from './spatial-dropout.js';

/** Drops whole channels of a rank-3 input `[batch, steps, channels]` (or `[batch, channels, steps]`) in training (Keras's `SpatialDropout1D`). */
export class SpatialDropout1D extends SpatialDropout {
  static override className = 'SpatialDropout1D';
  static override argKeys = SPATIAL_DROPOUT_ARG_KEYS;

  constructor(args: SpatialDropoutArgs) {
    super(args, 1);
  }
}

registerLayer(SpatialDropout1D);
