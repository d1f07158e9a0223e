import type { Conv2DInfo, FusedActivation, KernelConfig, TensorInfo } from '@neurite/tensor';
import type { WasmBackend } from '../../backend.js';
import { ACTIVATION_CODES } from '../activation-codes.js';
import { planGemm } from '../linalg/gemm-plan.js';

/**
 * act(patches(x) filter + bias) for x NHWC and filter HWIO: y[pixels, outC] through the GEMM, its A
 * panels packed straight from x, the bias and activation applied as y is written.
 */
function conv2D(w: WasmBackend, x: TensorInfo, filter: TensorInfo, bias: TensorInfo | undefined, info: Conv2DInfo, activation: FusedActivation): TensorInfo {
  const { batchSize, outHeight, outWidth, outChannels, filterHeight, filterWidth, inChannels } = info;
  const out = w.makeOutput([batchSize, outHeight, outWidth, outChannels], 'float32');
  const m = batchSize * outHeight * outWidth;
  if (m * outChannels === 0) return out.info;
  const plan = planGemm(1, m, outChannels, filterHeight * filterWidth * inChannels, w.threads, false);
  const scratch = w.scratch(w.threads * w.exports.gemm_scratch_bytes());
  w.parallel('conv_forward', [
    w.ptr(x), w.ptr(filter), out.ptr, bias ? w.ptr(bias) : 0, ACTIVATION_CODES[activation], w.convInfo(info), plan.split, scratch,
  ], plan.units, plan.work);
  return out.info;
}

export const conv2DKernel: KernelConfig<'Conv2D'> = {
  kernelName: 'Conv2D',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [x, filter], attrs: { info }, backend }) => conv2D(backend as WasmBackend, x, filter, undefined, info, 'linear'),
};

/** Inputs [x, filter] or [x, filter, bias [outC]]. */
export const fusedConv2DKernel: KernelConfig<'FusedConv2D'> = {
  kernelName: 'FusedConv2D',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [x, filter, bias], attrs: { info, activation }, backend }) =>
    conv2D(backend as WasmBackend, x, filter, bias, info, activation),
};
