import type { Tensor } from '@neurite/tensor';
import { registerLayer } from '../../engine/layer-registry.js';
import { Conv, type ConvArgs, CONV_ARG_KEYS } from './conv.js';
import { conv3dBySlices } from './volume-ops.js';

/** Arguments of `Conv3D`. */
export type Conv3DArgs = ConvArgs;

/** Keras's `Conv3D` over [batch, depth, height, width, channels] (or channels-first): kernel [kd, kh, kw, inChannels, filters]. */
export class Conv3D extends Conv {
  static override className = 'Conv3D';
  static override argKeys = CONV_ARG_KEYS;

  constructor(args: Conv3DArgs) {
    super(args, 3, ['valid', 'same']);
  }

  protected convolve(x: Tensor, kernel: Tensor): Tensor {
    return conv3dBySlices(x, kernel, this.strides, this.padding as 'valid' | 'same', this.dilationRate, this.dataFormat === 'channelsFirst');
  }
}

registerLayer(Conv3D);
