import type { FusedActivation, KernelConfig, TensorInfo } from '@neurite/tensor';
import type { WasmBackend } from '../../backend.js';
import { ACTIVATION_CODES } from '../activation-codes.js';
import { planGemm } from './gemm-plan.js';

/**
 * act(a b + bias) on rank-3 inputs whose batch sizes are equal or 1 (the op broadcasts the rest).
 * Transposes are strides that the GEMM's packing reads through; no transposed copy is made. The bias
 * and the activation are applied by the micro-kernel as it writes the last block of k.
 */
function batchMatMul(
  w: WasmBackend, a: TensorInfo, b: TensorInfo, bias: TensorInfo | undefined,
  transposeA: boolean, transposeB: boolean, activation: FusedActivation,
): TensorInfo {
  const [batchA, aRows, aCols] = a.shape;
  const [batchB, bRows, bCols] = b.shape;
  const m = transposeA ? aCols : aRows;
  const k = transposeA ? aRows : aCols;
  const n = transposeB ? bRows : bCols;
  const batch = batchA === 1 ? batchB : batchA;
  const out = w.makeOutput([batch, m, n], 'float32');
  if (batch * m * n === 0) return out.info;
  const [ars, acs] = transposeA ? [1, aCols] : [aCols, 1];
  const [brs, bcs] = transposeB ? [1, bCols] : [bCols, 1];
  const plan = planGemm(batch, m, n, k, w.threads);
  const scratch = w.scratch(w.threads * w.exports.gemm_scratch_bytes());
  w.parallel('matmul', [
    batch, m, n, k,
    w.ptr(a), batchA === 1 ? 0 : aRows * aCols, ars, acs,
    w.ptr(b), batchB === 1 ? 0 : bRows * bCols, brs, bcs,
    out.ptr, bias ? w.ptr(bias) : 0, ACTIVATION_CODES[activation], plan.split, scratch,
  ], plan.units, plan.work);
  return out.info;
}

export const batchMatMulKernel: KernelConfig<'BatchMatMul'> = {
  kernelName: 'BatchMatMul',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [a, b], attrs: { transposeA, transposeB }, backend }) =>
    batchMatMul(backend as WasmBackend, a, b, undefined, transposeA, transposeB, 'linear'),
};

/** Inputs [a, b] or [a, b, bias [n]]. */
export const fusedMatMulKernel: KernelConfig<'FusedMatMul'> = {
  kernelName: 'FusedMatMul',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [a, b, bias], attrs: { transposeA, transposeB, activation }, backend }) =>
    batchMatMul(backend as WasmBackend, a, b, bias, transposeA, transposeB, activation),
};
