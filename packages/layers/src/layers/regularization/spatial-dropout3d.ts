import { registerLayer } from '../../engine/layer-registry.js';
import { SpatialDropout, type SpatialDropoutArgs, SPATIAL_DROPOUT_ARG_KEYS } from './spatial-dropout.js';

/** Drops whole channels of a rank-5 input `[batch, dim1, dim2, dim3, channels]` (or channels first) in training (Keras's `SpatialDropout3D`). */
export class SpatialDropout3D extends SpatialDropout {
  static override className = 'SpatialDropout3D';
  static override argKeys = SPATIAL_DROPOUT_ARG_KEYS;

  constructor(args: SpatialDropoutArgs) {
    super(args, 3);
  }
}

registerLayer(SpatialDropout3D);
