import { registerLayer } from '../../engine/layer-registry.js';
import { SpatialDropout, type SpatialDropoutArgs, SPATIAL_DROPOUT_ARG_KEYS } from './spatial-dropout.js';

/** Drops whole channels of a rank-4 input `[batch, rows, cols, channels]` (or channels first) in training (Keras's `SpatialDropout2D`). */
export class SpatialDropout2D extends SpatialDropout {
  static override className = 'SpatialDropout2D';
  static override argKeys = SPATIAL_DROPOUT_ARG_KEYS;

  constructor(args: SpatialDropoutArgs) {
    super(args, 2);
  }
}

registerLayer(SpatialDropout2D);
