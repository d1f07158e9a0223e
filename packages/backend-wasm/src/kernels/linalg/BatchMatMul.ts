import type { KernelConfig } from '@neurite/tensor';
import type { WasmBackend } from '../../backend.js';
import { planGemm } from './gemm-plan.js';

/**
 * Rank-3 inputs whose batch sizes are equal or 1 (the op broadcasts the rest). Transposes are strides
 * that the GEMM's packing reads through; no transposed copy is made.
 */
export const batchMatMulKernel: KernelConfig<'BatchMatMul'> = {
  kernelName: 'BatchMatMul',
  kernelSet: 'wasm',
  kernelFunc: ({ inputs: [a, b], attrs: { transposeA, transposeB }, backend }) => {
    const w = backend as WasmBackend;
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
      out.ptr, plan.split, scratch,
    ], plan.units, plan.work);
    return out.info;
  },
};
