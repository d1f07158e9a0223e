import { registerLayer } from '../../engine/layer-registry.js';
import { BasePooling, type PoolingArgs, POOLING_ARG_KEYS } from './base-pooling.js';

/** Keras's `AveragePooling2D`: the mean over each window of the spatial axes of [batch, height, width, channels] (or channels-first). */
export class AveragePooling2D extends BasePooling {
  static override className = 'AveragePooling2D';
  static override argKeys = POOLING_ARG_KEYS;

  constructor(args: PoolingArgs = {}) {
    super(args, 2, 'average');
  }
}

registerLayer(AveragePooling2D);
