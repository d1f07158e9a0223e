import { registerLayer } from '../../engine/layer-registry.js';
import { BaseGlobalPooling, type GlobalPoolingArgs, GLOBAL_POOLING_ARG_KEYS } from './base-global-pooling.js';

/** Keras's `GlobalAveragePooling1D`: the mean over the steps of [batch, steps, channels] (or channels-first). */
export class GlobalAveragePooling1D extends BaseGlobalPooling {
  static override className = 'GlobalAveragePooling1D';
  static override argKeys = GLOBAL_POOLING_ARG_KEYS;

  constructor(args: GlobalPoolingArgs = {}) {
    super(args, 1, 'average');
  }
}

registerLayer(GlobalAveragePooling1D);
