// The 3-D pooling layers: windows over [batch, depth, height, width, channels] (or channels-first).
import { registerLayer } from '../../engine/layer-registry.js';
import { BasePooling, type PoolingArgs, POOLING_ARG_KEYS } from './base-pooling.js';
import { BaseGlobalPooling, type GlobalPoolingArgs, GLOBAL_POOLING_ARG_KEYS } from './base-global-pooling.js';

/** Keras's `MaxPooling3D`. */
export class MaxPooling3D extends BasePooling {
  static override className = 'MaxPooling3D';
  static override argKeys = POOLING_ARG_KEYS;
  constructor(args: PoolingArgs = {}) {
    super(args, 3, 'max');
  }
}

/** Keras's `AveragePooling3D` (with 'same', a window averages only its in-bounds entries). */
export class AveragePooling3D extends BasePooling {
  static override className = 'AveragePooling3D';
  static override argKeys = POOLING_ARG_KEYS;
  constructor(args: PoolingArgs = {}) {
    super(args, 3, 'average');
  }
}

/** Keras's `GlobalMaxPooling3D`: the maximum over depth, height and width. */
export class GlobalMaxPooling3D extends BaseGlobalPooling {
  static override className = 'GlobalMaxPooling3D';
  static override argKeys = GLOBAL_POOLING_ARG_KEYS;
  constructor(args: GlobalPoolingArgs = {}) {
    super(args, 3, 'max');
  }
}

/** Keras's `GlobalAveragePooling3D`: the mean over depth, height and width. */
export class GlobalAveragePooling3D extends BaseGlobalPooling {
  static override className = 'GlobalAveragePooling3D';
  static override argKeys = GLOBAL_POOLING_ARG_KEYS;
  constructor(args: GlobalPoolingArgs = {}) {
    super(args, 3, 'average');
  }
}

registerLayer(MaxPooling3D);
registerLayer(AveragePooling3D);
registerLayer(GlobalMaxPooling3D);
registerLayer(GlobalAveragePooling3D);
