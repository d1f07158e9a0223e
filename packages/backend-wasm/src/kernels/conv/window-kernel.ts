import type { Conv2DInfo, TensorInfo } from '@neurite/tensor';
import type { WasmBackend } from '../../backend.js';
import type { WasmKernelName } from '../../wasm-exports.js';

/** Multiply-adds of a window kernel over `channels` output channels: one per tap per output element. */
export function windowWork(info: Conv2DInfo, channels: number): number {
  return info.batchSize * info.outHeight * info.outWidth * channels * info.filterHeight * info.filterWidth;
}

/**
 * Runs a direct window kernel (pooling, depthwise conv, their gradients): fn(...inputs, out, info, ...extra)
 * into a new float32 output of `shape`, split between threads by `units` ('pixels': output pixels, for
 * kernels that write each output once; 'images': whole images, for gradients that add into dx).
 */
export function windowKernel(
  w: WasmBackend, fn: WasmKernelName, inputs: TensorInfo[], shape: number[], info: Conv2DInfo,
  units: 'pixels' | 'images', work: number, extra: number[] = [],
): TensorInfo {
  const out = w.makeOutput(shape, 'float32');
  const count = units === 'pixels' ? info.batchSize * info.outHeight * info.outWidth : info.batchSize;
  if (shape.every((d) => d > 0) && count > 0) {
    w.parallel(fn, [...inputs.map((t) => w.ptr(t)), out.ptr, w.convInfo(info), ...extra], count, work);
  }
  return out.info;
}
