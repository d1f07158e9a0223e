/** The micro-kernel's tile: C is split between threads in units of MR rows or NR columns. */
export const MR = 4;
export const NR = 8;

export const SPLIT_BATCH = 0;
export const SPLIT_COLUMNS = 1;
export const SPLIT_ROWS = 2;

export interface GemmPlan {
  split: typeof SPLIT_BATCH | typeof SPLIT_COLUMNS | typeof SPLIT_ROWS;
  units: number;
  /** The multiply-adds of the whole product (the backend splits it only when this is large enough). */
  work: number;
}

/**
 * How a (batched) C[m, n] = A[m, k] B[k, n] is shared between threads: whole matrices when there are at
 * least as many as threads, else the longer side of C, so that the operand each thread packs again (the
 * other side's) is the smaller one. Every split leaves each element of C summed in the same order.
 */
export function planGemm(batch: number, m: number, n: number, k: number, threads: number, allowBatch = true): GemmPlan {
  const work = batch * m * n * k;
  if (allowBatch && batch >= threads) return { split: SPLIT_BATCH, units: batch, work };
  const columns = Math.ceil(n / NR);
  const rows = Math.ceil(m / MR);
  return columns * NR >= rows * MR
    ? { split: SPLIT_COLUMNS, units: columns, work }
    : { split: SPLIT_ROWS, units: rows, work };
}
