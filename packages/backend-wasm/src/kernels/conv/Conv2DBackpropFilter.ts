import type { KernelConfig } from '@neurite/tensor';
import type { WasmBackend } from '../../backend.js';
import { planGemm } from '../linalg/gemm-plan.js';

/** Inputs [x, dy]: dfilter[K, outC] = patches(x)ᵀ dy, with the transposed patches packed straight from x. */
export const conv2DBackpropFilterKernel: KernelConfig<'Conv2DBackpropFilter'> = {
  kernelName: 'Conv2DBackpropFilter',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [x, dy], attrs: { info }, backend }) => {
    const w = backend as WasmBackend;
    const { batchSize, outHeight, outWidth, outChannels, filterHeight, filterWidth, inChannels } = info;
    const out = w.makeOutput([filterHeight, filterWidth, inChannels, outChannels], 'float32');
    const m = filterHeight * filterWidth * inChannels;
    if (m * outChannels === 0) return out.info;
    const plan = planGemm(1, m, outChannels, batchSize * outHeight * outWidth, w.threads, false);
    const scratch = w.scratch(w.threads * w.exports.gemm_scratch_bytes());
    w.parallel('conv_filter_grad', [w.ptr(x), w.ptr(dy), out.ptr, w.convInfo(info), plan.split, scratch], plan.units, plan.work);
    return out.info;
  },
};
