import { conv2d, fusedConv2d, type FusedActivation, type Tensor } from '@neurite/tensor';
import { registerLayer } from '../../engine/layer-registry.js';
import { Conv, type ConvArgs, CONV_ARG_KEYS } from './conv.js';

/** Arguments of `Conv2D`. */
export type Conv2DArgs = ConvArgs;

/**
 * Keras's `Conv2D`: a 2-D convolution of [batch, height, width, channels] (or channels-first) with a kernel
 * [kernelHeight, kernelWidth, inChannels, filters].
 */
export class Conv2D extends Conv {
  static override className = 'Conv2D';
  static override argKeys = CONV_ARG_KEYS;

  constructor(args: Conv2DArgs) {
    super(args, 2, ['valid', 'same']);
  }

  protected convolve(x: Tensor, kernel: Tensor): Tensor {
    return conv2d(x, kernel, this.convOptions());
  }

  protected override convolveFused(x: Tensor, kernel: Tensor, bias: Tensor | null, activation: FusedActivation): Tensor {
    return fusedConv2d(x, kernel, { ...this.convOptions(), bias, activation });
  }

  private convOptions() {
    return {
      strides: [this.strides[0], this.strides[1]] as [number, number],
      padding: this.padding as 'valid' | 'same',
      dataFormat: this.dataFormat === 'channelsFirst' ? 'NCHW' as const : 'NHWC' as const,
      dilations: [this.dilationRate[0], this.dilationRate[1]] as [number, number],
    };
  }
}

registerLayer(Conv2D);
