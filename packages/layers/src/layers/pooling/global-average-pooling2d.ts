import { registerLayer } from '../../engine/layer-registry.js';
import { BaseGlobalPooling, type GlobalPoolingArgs, GLOBAL_POOLING_ARG_KEYS } from './base-global-pooling.js';

/** Keras's `GlobalAveragePooling2D`: the mean over height and width of [batch, height, width, channels] (or channels-first). */
export class GlobalAveragePooling2D extends BaseGlobalPooling {
  static override className = 'GlobalAveragePooling2D';
  static override argKeys = GLOBAL_POOLING_ARG_KEYS;

  constructor(args: GlobalPoolingArgs = {}) {
    super(args, 2, 'average');
  }
}

registerLayer(GlobalAveragePooling2D);
