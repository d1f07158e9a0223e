/**
 * The work of one element of a memory-bound elementwise kernel, in the GEMM's unit (multiply-adds),
 * so that one threshold (WasmBackendOptions.minParallelWork) serves every kernel: an element costs
 * about as long as 16 multiply-adds of the matrix kernel.
 */
export const ELEMENT_WORK = 16;
