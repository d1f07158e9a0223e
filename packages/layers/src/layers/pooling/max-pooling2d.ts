import { registerLayer } from '../../engine/layer-registry.js';
import { BasePooling, type PoolingArgs } from './base-pooling.js';

/** Keras's `MaxPooling2D`: the maximum over each window of the spatial axes of [batch, height, width, channels] (or channels-first). */
export class MaxPooling2D extends BasePooling {
  static override className = 'MaxPooling2D';

  constructor(args: PoolingArgs = {}) {
    super(args, 2, 'max');
  }
}

registerLayer(MaxPooling2D);
