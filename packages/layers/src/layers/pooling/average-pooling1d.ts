import { registerLayer } from '../../engine/layer-registry.js';
import { BasePooling, type PoolingArgs, POOLING_ARG_KEYS } from './base-pooling.js';

/** Keras's `AveragePooling1D`: the mean over each window of the spatial axes of [batch, steps, channels] (or channels-first). */
export class AveragePooling1D extends BasePooling {
  static override className = 'AveragePooling1D';
  static override argKeys = POOLING_ARG_KEYS;

  constructor(args: PoolingArgs = {}) {
    super(args, 1, 'average');
  }
}

registerLayer(AveragePooling1D);
