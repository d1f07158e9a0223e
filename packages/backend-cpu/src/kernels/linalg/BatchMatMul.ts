import type { KernelConfig } from '@neurite/tensor';
import type { HostArrays } from '../../host-arrays.js';
import { gemm, rowMajor } from './gemm.js';

/** Rank-3 inputs whose batch sizes are equal or 1 (the op broadcasts everything else). */
export const batchMatMulKernel: KernelConfig<'BatchMatMul'> = {
  kernelName: 'BatchMatMul',
  kernelSet: 'cpu',
  kernelFunc: ({ inputs: [a, b], attrs: { transposeA, transposeB }, backend }) => {
    const cpu = backend as HostArrays;
    const av = cpu.values(a);
    const bv = cpu.values(b);
    const [batchA, aRows, aCols] = a.shape;
    const [batchB, bRows, bCols] = b.shape;
    const m = transposeA ? aCols : aRows;
    const k = transposeA ? aRows : aCols;
    const n = transposeB ? bRows : bCols;
    // a batch of 1 is broadcast against the other (which may be 0)
    const batch = batchA === 1 ? batchB : batchA;
    const out = new Float32Array(batch * m * n);
    const acc = new Float64Array(m * n);
    for (let i = 0; i < batch; i++) {
      const aView = rowMajor(av, batchA === 1 ? 0 : i * aRows * aCols, aCols, transposeA);
      const bView = rowMajor(bv, batchB === 1 ? 0 : i * bRows * bCols, bCols, transposeB);
      gemm(m, n, k, aView, bView, acc, 0, n);
      out.set(acc, i * m * n);
    }
    return cpu.output(out, [batch, m, n], 'float32');
  },
};
