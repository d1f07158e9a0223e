import { registerLayer } from '../../engine/layer-registry.js';
import { BaseGlobalPooling, type GlobalPoolingArgs, GLOBAL_POOLING_ARG_KEYS } from './base-global-pooling.js';

/** Keras's `GlobalMaxPooling1D`: the maximum over the steps of [batch, steps, channels] (or channels-first). */
export class GlobalMaxPooling1D extends BaseGlobalPooling {
  static override className = 'GlobalMaxPooling1D';
  static override argKeys = GLOBAL_POOLING_ARG_KEYS;

  constructor(args: GlobalPoolingArgs = {}) {
    super(args, 1, 'max');
  }
}

registerLayer(GlobalMaxPooling1D);
