import { registerLayer } from '../../engine/layer-registry.js';
import { BasePooling, type PoolingArgs, POOLING_ARG_KEYS } from './base-pooling.js';

/** Keras's `MaxPooling2D`: the maximum over each window of the spatial axes of [batch, height, width, channels] (or channels-first). */
export class MaxPooling2D extends BasePooling {
  static override className = 'MaxPooling2D';
  static override argKeys = POOLING_ARG_KEYS;

  constructor(args: PoolingArgs = {}) {
    super(args, 2, 'max');
  }
}

registerLayer(MaxPooling2D);
