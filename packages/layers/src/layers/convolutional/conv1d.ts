import { conv1d, type Tensor } from '@neurite/tensor';
import { registerLayer } from '../../engine/layer-registry.js';
import { Conv, type ConvArgs, CONV_ARG_KEYS } from './conv.js';

/** Arguments of `Conv1D` (padding may also be 'causal'). */
export type Conv1DArgs = ConvArgs;

/**
 * Keras's `Conv1D`: a convolution over the steps of [batch, steps, channels] (or [batch, channels, steps]
 * with dataFormat 'channelsFirst'); 'causal' padding pads on the left only, so output t sees inputs <= t.
 */
export class Conv1D extends Conv {
  static override className = 'Conv1D';
  static override argKeys = CONV_ARG_KEYS;

  constructor(args: Conv1DArgs) {
    super(args, 1, ['valid', 'same', 'causal']);
  }

  protected convolve(x: Tensor, kernel: Tensor): Tensor {
    return conv1d(x, kernel, {
      stride: this.strides[0],
      padding: this.padding,
      dataFormat: this.dataFormat === 'channelsFirst' ? 'NCW' : 'NWC',
      dilation: this.dilationRate[0],
    });
  }
}

registerLayer(Conv1D);
