import type { KernelConfig } from '@neurite/tensor';
import type { WasmBackend } from '../../backend.js';

/** Work per output element of a window kernel, in multiply-adds: one per tap. */
const taps = (info: { filterHeight: number; filterWidth: number }) => info.filterHeight * info.filterWidth;

export const maxPoolKernel: KernelConfig<'MaxPool'> = {
  kernelName: 'MaxPool',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [x], attrs: { info }, backend }) => {
    const w = backend as WasmBackend;
    const pixels = info.batchSize * info.outHeight * info.outWidth;
    const out = w.makeOutput([info.batchSize, info.outHeight, info.outWidth, info.inChannels], 'float32');
    if (pixels * info.inChannels > 0) w.parallel('max_pool', [w.ptr(x), out.ptr, w.convInfo(info)], pixels, pixels * info.inChannels * taps(info));
    return out.info;
  },
};

export const avgPoolKernel: KernelConfig<'AvgPool'> = {
  kernelName: 'AvgPool',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [x], attrs: { info }, backend }) => {
    const w = backend as WasmBackend;
    const pixels = info.batchSize * info.outHeight * info.outWidth;
    const out = w.makeOutput([info.batchSize, info.outHeight, info.outWidth, info.inChannels], 'float32');
    if (pixels * info.inChannels > 0) w.parallel('avg_pool', [w.ptr(x), out.ptr, w.convInfo(info)], pixels, pixels * info.inChannels * taps(info));
    return out.info;
  },
};

/** Inputs [dy, x]: threads take whole images, so no two add to one element of dx. */
export const maxPoolGradKernel: KernelConfig<'MaxPoolGrad'> = {
  kernelName: 'MaxPoolGrad',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [dy, x], attrs: { info }, backend }) => {
    const w = backend as WasmBackend;
    const out = w.makeOutput(x.shape, 'float32');
    const work = info.batchSize * info.outHeight * info.outWidth * info.inChannels * taps(info);
    if (out.info.shape.every((d) => d > 0)) w.parallel('max_pool_grad', [w.ptr(dy), w.ptr(x), out.ptr, w.convInfo(info)], info.batchSize, work);
    return out.info;
  },
};

export const avgPoolGradKernel: KernelConfig<'AvgPoolGrad'> = {
  kernelName: 'AvgPoolGrad',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [dy], attrs: { info }, backend }) => {
    const w = backend as WasmBackend;
    const out = w.makeOutput([info.batchSize, info.inHeight, info.inWidth, info.inChannels], 'float32');
    const work = info.batchSize * info.outHeight * info.outWidth * info.inChannels * taps(info);
    if (out.info.shape.every((d) => d > 0)) w.parallel('avg_pool_grad', [w.ptr(dy), out.ptr, w.convInfo(info)], info.batchSize, work);
    return out.info;
  },
};
