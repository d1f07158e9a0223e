import type { KernelConfig } from '@neurite/tensor';
import type { WasmBackend } from '../../backend.js';
import { windowKernel, windowWork } from './window-kernel.js';

/** Inputs [x NHWC, filter [fh, fw, inC, multiplier]]: threads take output pixels. */
export const depthwiseConv2DKernel: KernelConfig<'DepthwiseConv2D'> = {
  kernelName: 'DepthwiseConv2D',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [x, filter], attrs: { info }, backend }) => windowKernel(
    backend as WasmBackend, 'depthwise_forward', [x, filter], [info.batchSize, info.outHeight, info.outWidth, info.outChannels], info, 'pixels', windowWork(info, info.outChannels),
  ),
};

/** Inputs [dy, filter]: threads take whole images, so no two add to one element of dx. */
export const depthwiseConv2DBackpropInputKernel: KernelConfig<'DepthwiseConv2DBackpropInput'> = {
  kernelName: 'DepthwiseConv2DBackpropInput',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [dy, filter], attrs: { info }, backend }) => windowKernel(
    backend as WasmBackend, 'depthwise_input_grad', [dy, filter], [info.batchSize, info.inHeight, info.inWidth, info.inChannels], info, 'images', windowWork(info, info.outChannels),
  ),
};

/** Inputs [x, dy]: threads take filter taps, each summing every pixel in float64. */
export const depthwiseConv2DBackpropFilterKernel: KernelConfig<'DepthwiseConv2DBackpropFilter'> = {
  kernelName: 'DepthwiseConv2DBackpropFilter',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [x, dy], attrs: { info }, backend }) => {
    const w = backend as WasmBackend;
    const { filterHeight, filterWidth, inChannels, channelMultiplier, outChannels } = info;
    const out = w.makeOutput([filterHeight, filterWidth, inChannels, channelMultiplier], 'float32');
    const taps = filterHeight * filterWidth;
    if (taps * outChannels > 0) {
      const scratch = w.scratch(w.threads * outChannels * 8);
      w.parallel('depthwise_filter_grad', [w.ptr(x), w.ptr(dy), out.ptr, w.convInfo(info), scratch], taps, windowWork(info, outChannels));
    }
    return out.info;
  },
};
