import type { KernelConfig } from '@neurite/tensor';
import type { WasmBackend } from '../../backend.js';
import { planGemm } from '../linalg/gemm-plan.js';

/** Inputs [x NHWC, filter HWIO]: y[pixels, outC] = patches(x) filter, packed straight from x. */
export const conv2DKernel: KernelConfig<'Conv2D'> = {
  kernelName: 'Conv2D',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [x, filter], attrs: { info }, backend }) => {
    const w = backend as WasmBackend;
    const { batchSize, outHeight, outWidth, outChannels, filterHeight, filterWidth, inChannels } = info;
    const out = w.makeOutput([batchSize, outHeight, outWidth, outChannels], 'float32');
    const m = batchSize * outHeight * outWidth;
    if (m * outChannels === 0) return out.info;
    const plan = planGemm(1, m, outChannels, filterHeight * filterWidth * inChannels, w.threads, false);
    const scratch = w.scratch(w.threads * w.exports.gemm_scratch_bytes());
    w.parallel('conv_forward', [w.ptr(x), w.ptr(filter), out.ptr, w.convInfo(info), plan.split, scratch], plan.units, plan.work);
    return out.info;
  },
};
