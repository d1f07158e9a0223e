/**
 * The matrix-multiply core shared by BatchMatMul and the convolution kernels: C (+)= A B.
 *
 * Blocked the classic way (Goto/BLIS): B is packed one KC x NC block at a time into NR-wide column
 * panels, A one MC x KC block at a time into MR-tall row panels, and an MR x NR micro-kernel keeps its
 * 16 partial sums in local variables while it walks both panels in memory order. Packing is where
 * strides (and so transposes) are resolved, once per block, so the hot loop never strides. Packed
 * panels and C are float64: each product is converted once at packing time, and sums do not lose
 * float32 precision across K blocks.
 */

/** Element (i, j) of a strided matrix view is data[offset + i * rowStride + j * colStride]. */
export interface MatrixView {
  data: Float32Array | Float64Array;
  offset: number;
  rowStride: number;
  colStride: number;
}

const MR = 4;
const NR = 4;
const KC = 256;
const MC = 128;
const NC = 2048;

// Packing buffers, grown on demand and reused across calls (JavaScript runs one kernel at a time).
let packedA: Float64Array = new Float64Array(0);
let packedB: Float64Array = new Float64Array(0);

function scratch(current: Float64Array, size: number): Float64Array {
  return current.length >= size ? current : new Float64Array(size);
}

/** A view of a row-major [rows, cols] matrix stored from `offset`, optionally transposed. */
export function rowMajor(data: Float32Array | Float64Array, offset: number, cols: number, transposed = false): MatrixView {
  return transposed ? { data, offset, rowStride: 1, colStride: cols } : { data, offset, rowStride: cols, colStride: 1 };
}

/**
 * C[m, n] = A[m, k] B[k, n] (or C += A B with `accumulate`), with C row-major in `c` from `cOffset`
 * with row stride `ldc`.
 */
export function gemm(
  m: number, n: number, k: number, a: MatrixView, b: MatrixView,
  c: Float64Array, cOffset: number, ldc: number, accumulate = false,
): void {
  if (!accumulate) for (let i = 0; i < m; i++) c.fill(0, cOffset + i * ldc, cOffset + i * ldc + n);
  if (m === 0 || n === 0 || k === 0) return;
  const kcMax = Math.min(KC, k);
  packedA = scratch(packedA, roundUp(Math.min(MC, m), MR) * kcMax);
  packedB = scratch(packedB, roundUp(Math.min(NC, n), NR) * kcMax);
  const ap = packedA;
  const bp = packedB;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      packColumnPanels(b, pc, jc, kc, nc, bp);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packRowPanels(a, ic, pc, mc, kc, ap);
        for (let j0 = 0; j0 < nc; j0 += NR) {
          const nr = Math.min(NR, nc - j0);
          for (let i0 = 0; i0 < mc; i0 += MR) {
            const mr = Math.min(MR, mc - i0);
            microKernel(kc, ap, i0 * kc, bp, j0 * kc, c, cOffset + (ic + i0) * ldc + jc + j0, ldc, mr, nr);
          }
        }
      }
    }
  }
}

function roundUp(x: number, to: number): number {
  return Math.ceil(x / to) * to;
}

/** Packs B[p0 : p0+kc, j0 : j0+nc] as NR-wide panels, each kc rows of NR values (zero-padded). */
function packColumnPanels(b: MatrixView, p0: number, j0: number, kc: number, nc: number, out: Float64Array): void {
  const { data, offset, rowStride, colStride } = b;
  let idx = 0;
  for (let jp = 0; jp < nc; jp += NR) {
    const nr = Math.min(NR, nc - jp);
    let base = offset + p0 * rowStride + (j0 + jp) * colStride;
    if (nr === NR && colStride === 1) {
      for (let p = 0; p < kc; p++, base += rowStride, idx += NR) {
        out[idx] = data[base];
        out[idx + 1] = data[base + 1];
        out[idx + 2] = data[base + 2];
        out[idx + 3] = data[base + 3];
      }
    } else {
      for (let p = 0; p < kc; p++, base += rowStride, idx += NR) {
        for (let j = 0; j < nr; j++) out[idx + j] = data[base + j * colStride];
        for (let j = nr; j < NR; j++) out[idx + j] = 0;
      }
    }
  }
}

/** Packs A[i0 : i0+mc, p0 : p0+kc] as MR-tall panels, each kc columns of MR values (zero-padded). */
function packRowPanels(a: MatrixView, i0: number, p0: number, mc: number, kc: number, out: Float64Array): void {
  const { data, offset, rowStride, colStride } = a;
  let idx = 0;
  for (let ip = 0; ip < mc; ip += MR) {
    const mr = Math.min(MR, mc - ip);
    let base = offset + (i0 + ip) * rowStride + p0 * colStride;
    if (mr === MR && rowStride === 1) {
      for (let p = 0; p < kc; p++, base += colStride, idx += MR) {
        out[idx] = data[base];
        out[idx + 1] = data[base + 1];
        out[idx + 2] = data[base + 2];
        out[idx + 3] = data[base + 3];
      }
    } else {
      for (let p = 0; p < kc; p++, base += colStride, idx += MR) {
        for (let i = 0; i < mr; i++) out[idx + i] = data[base + i * rowStride];
        for (let i = mr; i < MR; i++) out[idx + i] = 0;
      }
    }
  }
}

/** C[mr, nr] += (A panel)(B panel) over kc, with the 4x4 partial sums held in locals. */
function microKernel(
  kc: number, ap: Float64Array, ao: number, bp: Float64Array, bo: number,
  c: Float64Array, co: number, ldc: number, mr: number, nr: number,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0; p < kc; p++, ao += MR, bo += NR) {
    const a0 = ap[ao], a1 = ap[ao + 1], a2 = ap[ao + 2], a3 = ap[ao + 3];
    const b0 = bp[bo], b1 = bp[bo + 1], b2 = bp[bo + 2], b3 = bp[bo + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  if (mr === MR && nr === NR) {
    c[co] += c00; c[co + 1] += c01; c[co + 2] += c02; c[co + 3] += c03; co += ldc;
    c[co] += c10; c[co + 1] += c11; c[co + 2] += c12; c[co + 3] += c13; co += ldc;
    c[co] += c20; c[co + 1] += c21; c[co + 2] += c22; c[co + 3] += c23; co += ldc;
    c[co] += c30; c[co + 1] += c31; c[co + 2] += c32; c[co + 3] += c33;
    return;
  }
  // an edge tile: only the first mr rows and nr columns are real
  const rows = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
  for (let i = 0; i < mr; i++) for (let j = 0; j < nr; j++) c[co + i * ldc + j] += rows[i * NR + j];
}
