import type { KernelConfig } from '@neurite/tensor';
import type { WasmBackend } from '../../backend.js';

/** Multiply-adds of a depthwise conv (and of each of its gradients). */
const work = (info: { batchSize: number; outHeight: number; outWidth: number; outChannels: number; filterHeight: number; filterWidth: number }) =>
  info.batchSize * info.outHeight * info.outWidth * info.outChannels * info.filterHeight * info.filterWidth;

/** Inputs [x NHWC, filter [fh, fw, inC, multiplier]]: threads take output pixels. */
export const depthwiseConv2DKernel: KernelConfig<'DepthwiseConv2D'> = {
  kernelName: 'DepthwiseConv2D',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [x, filter], attrs: { info }, backend }) => {
    const w = backend as WasmBackend;
    const pixels = info.batchSize * info.outHeight * info.outWidth;
    const out = w.makeOutput([info.batchSize, info.outHeight, info.outWidth, info.outChannels], 'float32');
    if (pixels * info.outChannels > 0) w.parallel('depthwise_forward', [w.ptr(x), w.ptr(filter), out.ptr, w.convInfo(info)], pixels, work(info));
    return out.info;
  },
};

/** Inputs [dy, filter]: threads take whole images, so no two add to one element of dx. */
export const depthwiseConv2DBackpropInputKernel: KernelConfig<'DepthwiseConv2DBackpropInput'> = {
  kernelName: 'DepthwiseConv2DBackpropInput',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [dy, filter], attrs: { info }, backend }) => {
    const w = backend as WasmBackend;
    const out = w.makeOutput([info.batchSize, info.inHeight, info.inWidth, info.inChannels], 'float32');
    if (out.info.shape.every((d) => d > 0)) w.parallel('depthwise_input_grad', [w.ptr(dy), w.ptr(filter), out.ptr, w.convInfo(info)], info.batchSize, work(info));
    return out.info;
  },
};

/** Inputs [x, dy]: threads take filter taps, each summing every pixel in float64. */
export const depthwiseConv2DBackpropFilterKernel: KernelConfig<'DepthwiseConv2DBackpropFilter'> = {
  kernelName: 'DepthwiseConv2DBackpropFilter',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [x, dy], attrs: { info }, backend }) => {
    const w = backend as WasmBackend;
    const { filterHeight, filterWidth, inChannels, channelMultiplier, outChannels } = info;
    const out = w.makeOutput([filterHeight, filterWidth, inChannels, channelMultiplier], 'float32');
    const tapCount = filterHeight * filterWidth;
    if (tapCount * outChannels > 0) {
      const scratch = w.scratch(w.threads * outChannels * 8);
      w.parallel('depthwise_filter_grad', [w.ptr(x), w.ptr(dy), out.ptr, w.convInfo(info), scratch], tapCount, work(info));
    }
    return out.info;
  },
};
