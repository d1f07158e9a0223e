import type { KernelConfig } from '@neurite/tensor';
import type { WasmBackend } from '../../backend.js';
import { MR } from '../linalg/gemm-plan.js';

/** The column buffer of one thread: a block of output pixels times K floats stays about this size. */
const COLUMN_BYTES = 256 * 1024;

/**
 * Inputs [dy, filter] (also conv2dTranspose's forward pass): per image, blocks of output pixels times
 * the transposed filter give columns that are added back to the input positions they came from.
 * Threads take whole images, so no two write to the same element.
 */
export const conv2DBackpropInputKernel: KernelConfig<'Conv2DBackpropInput'> = {
  kernelName: 'Conv2DBackpropInput',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [dy, filter], attrs: { info }, backend }) => {
    const w = backend as WasmBackend;
    const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth } = info;
    const out = w.makeOutput([batchSize, inHeight, inWidth, inChannels], 'float32');
    if (batchSize * inHeight * inWidth * inChannels === 0) return out.info;
    const k = filterHeight * filterWidth * inChannels;
    const pixels = outHeight * outWidth;
    const rows = Math.max(MR, Math.min(Math.ceil(pixels / MR) * MR, Math.floor(COLUMN_BYTES / (4 * Math.max(k, 1)) / MR) * MR));
    const perThread = w.exports.gemm_scratch_bytes() + rows * k * 4;
    const scratch = w.scratch(w.threads * perThread);
    w.parallel('conv_input_grad', [w.ptr(dy), w.ptr(filter), out.ptr, w.convInfo(info), rows, scratch], batchSize, batchSize * pixels * k * outChannels);
    return out.info;
  },
};
