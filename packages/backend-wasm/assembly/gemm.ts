// The matrix-multiply core: C[m, n] (+)= A[m, k] B[k, n] in float32, blocked the Goto/BLIS way.
//
// B is packed one KC x NC block at a time into NR-wide column panels, A one MC x KC block at a time
// into MR-tall row panels; a 4x8 micro-kernel keeps its 32 sums in eight v128 registers while it walks
// both panels in memory order (per k: two vector loads of B, four broadcasts of A, eight multiply-adds).
// Strides, transposes and convolution patches are resolved by the packing, once per block, so the hot
// loop never strides. Every element of C is summed over k in the same order whatever the blocking of
// m and n, so splitting C between threads does not change any result.

import { madd, storeTransposed4, imin } from './simd';
import { packPatchRows, packPatchColumns } from './patches';
import { activateVec, activateOne } from './activation';

export const MR: i32 = 4;
export const NR: i32 = 8;
/** The most k one block packs; k is cut into equal blocks of at most KC (a multiple of 4 each). */
export const KC: i32 = 384;
export const MC: i32 = 128;
export const NC: i32 = 1024;

const PACK_A_BYTES: usize = <usize>(MC * KC) << 2;
const PACK_B_BYTES: usize = <usize>(KC * NC) << 2;
const EDGE_BYTES: usize = <usize>(MR * NR) << 2;

/** Bytes of scratch one thread's GEMM needs (packed A block, packed B block, an edge tile). */
export function gemm_scratch_bytes(): i32 {
  return <i32>(PACK_A_BYTES + PACK_B_BYTES + EDGE_BYTES);
}

/** Where A's elements come from. */
export const A_STRIDED: i32 = 0;
/** A is the im2col matrix of a convolution: rows are output pixels, columns (tap, channel). */
export const A_PATCH_ROWS: i32 = 1;
/** A is the transposed im2col matrix: rows are (tap, channel), columns output pixels. */
export const A_PATCH_COLUMNS: i32 = 2;

// ---- packing -----------------------------------------------------------------------------------------

/** Packs A[i0 : i0+mc, p0 : p0+kc] (strided) as MR-tall panels, each kc groups of MR values (zero-padded). */
function packStridedRows(a: usize, ars: i32, acs: i32, i0: i32, p0: i32, mc: i32, kc: i32, dst: usize): void {
  const rs = <usize>ars << 2;
  const cs = <usize>acs << 2;
  for (let ip = 0; ip < mc; ip += MR) {
    const mr = imin(MR, mc - ip);
    let src = a + <usize>(i0 + ip) * rs + <usize>p0 * cs;
    let p = 0;
    if (mr == MR && acs == 1) {
      // rows are contiguous along k: read four rows four columns at a time, transpose, store
      for (; p + 4 <= kc; p += 4) {
        storeTransposed4(dst, 16, v128.load(src), v128.load(src + rs), v128.load(src + 2 * rs), v128.load(src + 3 * rs));
        src += 16;
        dst += 64;
      }
    } else if (mr == MR && ars == 1) {
      // columns are contiguous: each group of MR values is one vector
      for (; p < kc; p++) {
        v128.store(dst, v128.load(src));
        src += cs;
        dst += 16;
      }
    }
    for (; p < kc; p++) {
      for (let r = 0; r < MR; r++) {
        store<f32>(dst + (<usize>r << 2), r < mr ? load<f32>(src + <usize>r * rs) : 0);
      }
      src += cs;
      dst += 16;
    }
  }
}

/** Packs B[p0 : p0+kc, j0 : j0+nc] (strided) as NR-wide panels, each kc rows of NR values (zero-padded). */
function packStridedColumns(b: usize, brs: i32, bcs: i32, p0: i32, j0: i32, kc: i32, nc: i32, dst: usize): void {
  const rs = <usize>brs << 2;
  const cs = <usize>bcs << 2;
  for (let jp = 0; jp < nc; jp += NR) {
    const nr = imin(NR, nc - jp);
    let src = b + <usize>p0 * rs + <usize>(j0 + jp) * cs;
    let p = 0;
    if (nr == NR && bcs == 1) {
      for (; p < kc; p++) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        src += rs;
        dst += 32;
      }
    } else if (nr == NR && brs == 1) {
      // columns are contiguous along k (B transposed): transpose 4x4 blocks of two column quads
      for (; p + 4 <= kc; p += 4) {
        storeTransposed4(dst, 32, v128.load(src), v128.load(src + cs), v128.load(src + 2 * cs), v128.load(src + 3 * cs));
        const s4 = src + 4 * cs;
        storeTransposed4(dst + 16, 32, v128.load(s4), v128.load(s4 + cs), v128.load(s4 + 2 * cs), v128.load(s4 + 3 * cs));
        src += 16;
        dst += 128;
      }
    }
    for (; p < kc; p++) {
      for (let j = 0; j < NR; j++) {
        store<f32>(dst + (<usize>j << 2), j < nr ? load<f32>(src + <usize>j * cs) : 0);
      }
      src += rs;
      dst += 32;
    }
  }
}

// ---- the micro-kernel ----------------------------------------------------------------------------------

/**
 * C[0:4, 0:8] (+)= the kc-long product of an A panel and a B panel. `ldc` is C's row stride in bytes;
 * `beta` adds to C instead of overwriting it. On the last block of k (`epilogue`), the 8 values at
 * `bias` (when not 0) are added and the activation applied, as C is written.
 */
@inline
function kernel4x8(kc: i32, ap: usize, bp: usize, c: usize, ldc: usize, beta: bool, epilogue: bool, bias: usize, act: i32): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(bp);
    const b1 = v128.load(bp, 16);
    let a = v128.load32_splat(ap);
    c00 = madd(a, b0, c00);
    c01 = madd(a, b1, c01);
    a = v128.load32_splat(ap, 4);
    c10 = madd(a, b0, c10);
    c11 = madd(a, b1, c11);
    a = v128.load32_splat(ap, 8);
    c20 = madd(a, b0, c20);
    c21 = madd(a, b1, c21);
    a = v128.load32_splat(ap, 12);
    c30 = madd(a, b0, c30);
    c31 = madd(a, b1, c31);
    ap += 16;
    bp += 32;
  }
  if (beta) {
    c00 = f32x4.add(c00, v128.load(c));
    c01 = f32x4.add(c01, v128.load(c, 16));
    c10 = f32x4.add(c10, v128.load(c + ldc));
    c11 = f32x4.add(c11, v128.load(c + ldc, 16));
    c20 = f32x4.add(c20, v128.load(c + 2 * ldc));
    c21 = f32x4.add(c21, v128.load(c + 2 * ldc, 16));
    c30 = f32x4.add(c30, v128.load(c + 3 * ldc));
    c31 = f32x4.add(c31, v128.load(c + 3 * ldc, 16));
  }
  if (epilogue) {
    if (bias != 0) {
      const b0 = v128.load(bias);
      const b1 = v128.load(bias, 16);
      c00 = f32x4.add(c00, b0);
      c01 = f32x4.add(c01, b1);
      c10 = f32x4.add(c10, b0);
      c11 = f32x4.add(c11, b1);
      c20 = f32x4.add(c20, b0);
      c21 = f32x4.add(c21, b1);
      c30 = f32x4.add(c30, b0);
      c31 = f32x4.add(c31, b1);
    }
    if (act != 0) {
      c00 = activateVec(c00, act);
      c01 = activateVec(c01, act);
      c10 = activateVec(c10, act);
      c11 = activateVec(c11, act);
      c20 = activateVec(c20, act);
      c21 = activateVec(c21, act);
      c30 = activateVec(c30, act);
      c31 = activateVec(c31, act);
    }
  }
  v128.store(c, c00);
  v128.store(c, c01, 16);
  c += ldc;
  v128.store(c, c10);
  v128.store(c, c11, 16);
  c += ldc;
  v128.store(c, c20);
  v128.store(c, c21, 16);
  c += ldc;
  v128.store(c, c30);
  v128.store(c, c31, 16);
}

function kernelFull(kc: i32, ap: usize, bp: usize, c: usize, ldc: usize, beta: bool): void {
  kernel4x8(kc, ap, bp, c, ldc, beta, false, 0, 0);
}

function kernelFullEpilogue(kc: i32, ap: usize, bp: usize, c: usize, ldc: usize, beta: bool, bias: usize, act: i32): void {
  kernel4x8(kc, ap, bp, c, ldc, beta, true, bias, act);
}

/**
 * An edge tile (mr < 4 or nr < 8): computed whole into `edge`, then only its real part goes to C, with
 * the same arithmetic as a full tile (C + sum, then + bias, then the activation).
 */
function kernelEdge(
  kc: i32, ap: usize, bp: usize, c: usize, ldc: usize, beta: bool, mr: i32, nr: i32, edge: usize,
  epilogue: bool, bias: usize, act: i32,
): void {
  kernel4x8(kc, ap, bp, edge, 32, false, false, 0, 0);
  for (let i = 0; i < mr; i++) {
    const row = c + <usize>i * ldc;
    const e = edge + (<usize>i << 5);
    for (let j = 0; j < nr; j++) {
      const at = row + (<usize>j << 2);
      let v = load<f32>(e + (<usize>j << 2));
      if (beta) v = load<f32>(at) + v;
      if (epilogue) {
        if (bias != 0) v += load<f32>(bias + (<usize>j << 2));
        v = activateOne(v, act);
      }
      store<f32>(at, v);
    }
  }
}

// ---- the blocked driver ----------------------------------------------------------------------------------

/**
 * C[m, n] = act(A B + bias), or C += A B with `accumulate` (no bias or activation then). C is row-major
 * from `c` with row stride `ldc` (elements). `kind` says how A is read: strided (`a`, `ars`, `acs`), or as
 * convolution patches of the input `a` described by the conv geometry at `info` (from patch-matrix row
 * `aRow0`). B is strided (`b`, `brs`, `bcs`). `bias` is 0 or n floats; `act` an activation code.
 */
@inline
export function gemmBlocked(
  kind: i32, m: i32, n: i32, k: i32,
  a: usize, ars: i32, acs: i32, info: usize, aRow0: i32,
  b: usize, brs: i32, bcs: i32,
  c: usize, ldc: i32, accumulate: bool, scratch: usize, bias: usize, act: i32,
): void {
  const ldcBytes = <usize>ldc << 2;
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    if (accumulate) return;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const v: f32 = bias != 0 ? load<f32>(bias + (<usize>j << 2)) : 0;
        store<f32>(c + <usize>i * ldcBytes + (<usize>j << 2), activateOne(v, act));
      }
    }
    return;
  }
  const fused = bias != 0 || act != 0;
  // equal k blocks: k = 288 (a 3x3x32 conv) is one block, not 256 and a short one of 32
  const kBlocks = (k + KC - 1) / KC;
  const kcStep = ((k + kBlocks - 1) / kBlocks + 3) & ~3;
  const packA = scratch;
  const packB = scratch + PACK_A_BYTES;
  const edge = packB + PACK_B_BYTES;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = imin(NC, n - jc);
    for (let pc = 0; pc < k; pc += kcStep) {
      const kc = imin(kcStep, k - pc);
      const beta = accumulate || pc > 0;
      const epilogue = fused && pc + kc >= k;
      packStridedColumns(b, brs, bcs, pc, jc, kc, nc, packB);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = imin(MC, m - ic);
        if (kind == A_PATCH_ROWS) packPatchRows(a, info, aRow0 + ic, pc, mc, kc, packA);
        else if (kind == A_PATCH_COLUMNS) packPatchColumns(a, info, aRow0 + ic, pc, mc, kc, packA);
        else packStridedRows(a, ars, acs, ic, pc, mc, kc, packA);
        const panelA = <usize>kc << 4; // bytes per A panel: kc * MR floats
        const panelB = <usize>kc << 5; // bytes per B panel: kc * NR floats
        for (let jr = 0; jr < nc; jr += NR) {
          const nr = imin(NR, nc - jr);
          const bp = packB + <usize>(jr / NR) * panelB;
          let cp = c + <usize>ic * ldcBytes + (<usize>(jc + jr) << 2);
          const bj = bias != 0 ? bias + (<usize>(jc + jr) << 2) : 0;
          let ap = packA;
          for (let ir = 0; ir < mc; ir += MR) {
            const mr = imin(MR, mc - ir);
            if (mr == MR && nr == NR) {
              if (epilogue) kernelFullEpilogue(kc, ap, bp, cp, ldcBytes, beta, bj, act);
              else kernelFull(kc, ap, bp, cp, ldcBytes, beta);
            } else {
              kernelEdge(kc, ap, bp, cp, ldcBytes, beta, mr, nr, edge, epilogue, bj, act);
            }
            ap += panelA;
            cp += ldcBytes * MR;
          }
        }
      }
    }
  }
}

/**
 * One thread's share of a batched matMul: out[i] = act(a[i or 0] b[i or 0] + bias) for the units
 * [begin, end) of a split the host chose (bias 0 and act 0 for a plain product). `split` 0 splits batches; 1 splits C's columns in NR-wide units; 2 splits
 * C's rows in MR-tall units. Strides are in elements; batch strides of 0 broadcast an operand.
 */
export function matmul(
  batch: i32, m: i32, n: i32, k: i32,
  a: usize, aBatch: i32, ars: i32, acs: i32,
  b: usize, bBatch: i32, brs: i32, bcs: i32,
  c: usize, bias: usize, act: i32, split: i32, scratchBase: usize,
  begin: i32, end: i32, tid: i32,
): void {
  const scratch = scratchBase + <usize>tid * <usize>gemm_scratch_bytes();
  const cBatch = <usize>m * <usize>n;
  if (split == 0) {
    for (let i = begin; i < end; i++) {
      gemmBlocked(
        A_STRIDED, m, n, k, a + ((<usize>i * <usize>aBatch) << 2), ars, acs, 0, 0,
        b + ((<usize>i * <usize>bBatch) << 2), brs, bcs, c + ((<usize>i * cBatch) << 2), n, false, scratch, bias, act,
      );
    }
    return;
  }
  for (let i = 0; i < batch; i++) {
    const ai = a + ((<usize>i * <usize>aBatch) << 2);
    const bi = b + ((<usize>i * <usize>bBatch) << 2);
    const ci = c + ((<usize>i * cBatch) << 2);
    if (split == 1) {
      const j0 = begin * NR;
      const j1 = imin(end * NR, n);
      gemmBlocked(A_STRIDED, m, j1 - j0, k, ai, ars, acs, 0, 0, bi + ((<usize>j0 * <usize>bcs) << 2), brs, bcs, ci + (<usize>j0 << 2), n, false, scratch, bias != 0 ? bias + (<usize>j0 << 2) : 0, act);
    } else {
      const i0 = begin * MR;
      const i1 = imin(end * MR, m);
      gemmBlocked(A_STRIDED, i1 - i0, n, k, ai + ((<usize>i0 * <usize>ars) << 2), ars, acs, 0, 0, bi, brs, bcs, ci + ((<usize>i0 * <usize>n) << 2), n, false, scratch, bias, act);
    }
  }
}
