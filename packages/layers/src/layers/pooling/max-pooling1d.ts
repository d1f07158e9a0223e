import { registerLayer } from '../../engine/layer-registry.js';
import { BasePooling, type PoolingArgs, POOLING_ARG_KEYS } from './base-pooling.js';

/** Keras's `MaxPooling1D`: the maximum over each window of the spatial axes of [batch, steps, channels] (or channels-first). */
export class MaxPooling1D extends BasePooling {
  static override className = 'MaxPooling1D';
  static override argKeys = POOLING_ARG_KEYS;

  constructor(args: PoolingArgs = {}) {
    super(args, 1, 'max');
  }
}

registerLayer(MaxPooling1D);
