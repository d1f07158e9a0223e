import type { KernelConfig } from '@neurite/tensor';
import type { WasmBackend } from '../../backend.js';
import { windowKernel, windowWork } from './window-kernel.js';

export const maxPoolKernel: KernelConfig<'MaxPool'> = {
  kernelName: 'MaxPool',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [x], attrs: { info }, backend }) => windowKernel(
    backend as WasmBackend, 'max_pool', [x], [info.batchSize, info.outHeight, info.outWidth, info.inChannels], info, 'pixels', windowWork(info, info.inChannels),
  ),
};

export const avgPoolKernel: KernelConfig<'AvgPool'> = {
  kernelName: 'AvgPool',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [x], attrs: { info }, backend }) => windowKernel(
    backend as WasmBackend, 'avg_pool', [x], [info.batchSize, info.outHeight, info.outWidth, info.inChannels], info, 'pixels', windowWork(info, info.inChannels),
  ),
};

/** Inputs [dy, x]: threads take whole images, so no two add to one element of dx. */
export const maxPoolGradKernel: KernelConfig<'MaxPoolGrad'> = {
  kernelName: 'MaxPoolGrad',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [dy, x], attrs: { info }, backend }) => windowKernel(
    backend as WasmBackend, 'max_pool_grad', [dy, x], [...x.shape], info, 'images', windowWork(info, info.inChannels),
  ),
};

export const avgPoolGradKernel: KernelConfig<'AvgPoolGrad'> = {
  kernelName: 'AvgPoolGrad',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [dy], attrs: { info }, backend }) => windowKernel(
    backend as WasmBackend, 'avg_pool_grad', [dy], [info.batchSize, info.inHeight, info.inWidth, info.inChannels], info, 'images', windowWork(info, info.inChannels),
  ),
};
