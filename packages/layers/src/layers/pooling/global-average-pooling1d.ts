import { registerLayer } from '../../engine/layer-registry.js';
import { BaseGlobalPooling, type GlobalPoolingArgs } from './base-global-pooling.js';

/** Keras's `GlobalAveragePooling1D`: the mean over the steps of [batch, steps, channels] (or channels-first). */
export class GlobalAveragePooling1D extends BaseGlobalPooling {
  static override className = 'GlobalAveragePooling1D';

  constructor(args: GlobalPoolingArgs = {}) {
    super(args, 1, 'average');
  }
}

registerLayer(GlobalAveragePooling1D);
