import { registerLayer } from '../../engine/layer-registry.js';
import { BaseGlobalPooling, type GlobalPoolingArgs, GLOBAL_POOLING_ARG_KEYS } from './base-global-pooling.js';

/** Keras's `GlobalMaxPooling2D`: the maximum over height and width of [batch, height, width, channels] (or channels-first). */
export class GlobalMaxPooling2D extends BaseGlobalPooling {
  static override className = 'GlobalMaxPooling2D';
  static override argKeys = GLOBAL_POOLING_ARG_KEYS;

  constructor(args: GlobalPoolingArgs = {}) {
    super(args, 2, 'max');
  }
}

registerLayer(GlobalMaxPooling2D);
