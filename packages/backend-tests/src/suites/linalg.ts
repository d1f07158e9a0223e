import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matMul, memory, tensor, type Tensor } from '@neurite/tensor';
import { PROPERTY_RUNS, checkGradients, expectClose, type BackendUnderTest } from '../harness.js';

/** Deterministic float32 values in [-1, 1) from a seed (fast-check picks the seed, so failures replay). */
export function seededValues(seed: number, count: number): Float32Array {
  let s = seed >>> 0 || 1;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = Math.fround(((s >>> 0) / 2 ** 32) * 2 - 1);
  }
  return out;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** NumPy broadcasting of two batch shapes (the test's own, independent of the library). */
function broadcast(a: number[], b: number[]): number[] {
  const rank = Math.max(a.length, b.length);
  return Array.from({ length: rank }, (_, i) => {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    return da === 1 ? db : da;
  });
}

/** The flat batch index in `shape` (broadcast to `outShape`) of the flat batch index `i` of `outShape`. */
function batchOffset(i: number, outShape: number[], shape: number[]): number {
  let index = 0;
  let stride = 1;
  for (let axis = outShape.length - 1, inAxis = shape.length - 1; axis >= 0; axis--, inAxis--) {
    const coord = i % outShape[axis];
    i = Math.floor(i / outShape[axis]);
    if (inAxis >= 0) {
      if (shape[inAxis] !== 1) index += coord * stride;
      stride *= shape[inAxis];
    }
  }
  return index;
}

interface MatMulCase {
  batchA: number[];
  batchB: number[];
  m: number;
  k: number;
  n: number;
  transposeA: boolean;
  transposeB: boolean;
  seed: number;
}

/**
 * The naive triple loop in float64, and for each output the sum of |a||b| over its products: the scale
 * that float32 rounding errors are relative to (a cancelling sum can be tiny while its terms are not).
 */
function matMulReference(c: MatMulCase, a: Float32Array, b: Float32Array) {
  const { m, k, n, transposeA, transposeB } = c;
  const batch = broadcast(c.batchA, c.batchB);
  const out = new Float64Array(size(batch) * m * n);
  const scale = new Float64Array(out.length);
  for (let bi = 0; bi < size(batch); bi++) {
    const ao = batchOffset(bi, batch, c.batchA) * m * k;
    const bo = batchOffset(bi, batch, c.batchB) * k * n;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        let abs = 0;
        for (let p = 0; p < k; p++) {
          const av = a[ao + (transposeA ? p * m + i : i * k + p)];
          const bv = b[bo + (transposeB ? j * k + p : p * n + j)];
          sum += av * bv;
          abs += Math.abs(av * bv);
        }
        out[(bi * m + i) * n + j] = sum;
        scale[(bi * m + i) * n + j] = abs;
      }
    }
  }
  return { shape: [...batch, m, n], values: out, scale };
}

function shapesOf(c: MatMulCase): [number[], number[]] {
  const aShape = [...c.batchA, ...(c.transposeA ? [c.k, c.m] : [c.m, c.k])];
  const bShape = [...c.batchB, ...(c.transposeB ? [c.n, c.k] : [c.k, c.n])];
  return [aShape, bShape];
}

/** Two batch shapes that broadcast: suffixes of one base shape, with some axes set to 1. */
const arbBatches = fc
  .array(fc.integer({ min: 1, max: 3 }), { maxLength: 3 })
  .chain((base) => {
    const operand = fc
      .tuple(fc.integer({ min: 0, max: base.length }), fc.array(fc.boolean(), { minLength: base.length, maxLength: base.length }))
      .map(([rank, ones]) => base.slice(base.length - rank).map((d, i) => (ones[base.length - rank + i] ? 1 : d)));
    return fc.tuple(operand, operand);
  });

function arbMatMulCase(maxDim: number): fc.Arbitrary<MatMulCase> {
  const dim = fc.integer({ min: 1, max: maxDim });
  return fc.record({
    batches: arbBatches, m: dim, k: dim, n: dim, transposeA: fc.boolean(), transposeB: fc.boolean(),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  }).map(({ batches: [batchA, batchB], ...rest }) => ({ batchA, batchB, ...rest }));
}

/**
 * Elementwise |got - want| <= atol + rtol * max(scale, |want|), where scale is the sum of |terms| that
 * made each element: float32 rounding errors grow with the terms, not with a cancelling sum.
 */
export async function expectCloseScaled(
  env: Pick<BackendUnderTest, 'rtol' | 'atol'>, t: Tensor, want: ArrayLike<number>, scale: ArrayLike<number>, what: string,
): Promise<void> {
  const got = await t.data();
  expect(got.length, `${what} length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const tol = env.atol + env.rtol * Math.max(scale[i], Math.abs(want[i]));
    if (!(Math.abs(got[i] - want[i]) <= tol)) {
      expect.fail(`${what}: element ${i}: got ${got[i]}, expected ${want[i]} (tolerance ${tol})`);
    }
  }
}

/** Conformance tests of the 'linalg' family, run once per backend. */
export function linalgSuite(env: BackendUnderTest): void {
  describe(`linalg (${env.name})`, () => {
    async function checkCase(c: MatMulCase): Promise<void> {
      const [aShape, bShape] = shapesOf(c);
      const av = seededValues(c.seed, size(aShape));
      const bv = seededValues(c.seed + 1, size(bShape));
      const ref = matMulReference(c, av, bv);
      const a = tensor(av, aShape);
      const b = tensor(bv, bShape);
      const y = matMul(a, b, { transposeA: c.transposeA, transposeB: c.transposeB });
      const what = `matMul a=[${aShape}] b=[${bShape}] transposeA=${c.transposeA} transposeB=${c.transposeB}`;
      expect(y.shape, what).toEqual(ref.shape);
      await expectCloseScaled(env, y, ref.values, ref.scale, what);
      [a, b, y].forEach((t) => t.dispose());
    }

    it('multiplies hand-computed matrices, as an op and as a method', async () => {
      const a = tensor([[1, 2], [3, 4]]);
      const b = tensor([[5, 6], [7, 8]]);
      await expectClose(matMul(a, b), [19, 22, 43, 50], env);
      await expectClose(a.matMul(b), [19, 22, 43, 50], env);
      await expectClose(matMul(a, b, { transposeA: true }), [26, 30, 38, 44], env);
      await expectClose(matMul(a, b, { transposeB: true }), [17, 23, 39, 53], env);
      await expectClose(matMul(a, b, { transposeA: true, transposeB: true }), [23, 31, 34, 46], env);
      const row = matMul([[1, 2, 3]], [[1], [10], [100]]);
      expect(row.shape).toEqual([1, 1]);
      await expectClose(row, [321], env);
      // batched [2, 1, 2] times a broadcast [2, 1]
      const batched = matMul([[[1, 2]], [[3, 4]]], [[1], [-1]]);
      expect(batched.shape).toEqual([2, 1, 1]);
      await expectClose(batched, [-1, -1], env);
    });

    it('matches a naive triple loop over random shapes, batches, broadcast batch axes and transposes', async () => {
      await fc.assert(fc.asyncProperty(arbMatMulCase(9), checkCase), { numRuns: PROPERTY_RUNS * 2 });
    });

    it('matches the triple loop across block boundaries and for empty dimensions', async () => {
      const base = { batchA: [], batchB: [], transposeA: false, transposeB: false, seed: 7 };
      for (const [transposeA, transposeB] of [[false, false], [true, false], [false, true], [true, true]]) {
        await checkCase({ ...base, m: 131, k: 261, n: 37, transposeA, transposeB });
      }
      await checkCase({ ...base, m: 3, k: 5, n: 2051 });
      await checkCase({ ...base, batchA: [2], batchB: [1], m: 65, k: 17, n: 66, seed: 11 });
      // k = 0 gives zeros, m = 0 an empty result
      const zero = matMul(tensor(new Float32Array(0), [2, 0]), tensor(new Float32Array(0), [0, 3]));
      expect(zero.shape).toEqual([2, 3]);
      await expectClose(zero, [0, 0, 0, 0, 0, 0], env);
      expect(matMul(tensor(new Float32Array(0), [0, 2]), tensor([[1], [2]])).shape).toEqual([0, 1]);
      expect(matMul(tensor(new Float32Array(0), [0, 2, 3]), tensor(new Float32Array(12), [3, 4])).shape).toEqual([0, 2, 4]);
    });

    it('rejects bad arguments with both shapes in the message', () => {
      const m23 = tensor([[1, 2, 3], [4, 5, 6]]);
      expect(() => matMul(m23, m23)).toThrow(
        /matMul: inner dimensions must match: a of shape \[2,3\] \(transposeA=false\) gives k=3, b of shape \[2,3\] \(transposeB=false\) gives k=2/,
      );
      expect(() => matMul(m23, m23, { transposeB: true })).not.toThrow();
      expect(() => matMul(m23, m23, { transposeA: true, transposeB: true })).toThrow(/\(transposeA=true\) gives k=2.*\(transposeB=true\) gives k=3/);
      expect(() => matMul(tensor([1, 2, 3]), m23)).toThrow(/matMul: a must be of rank 2 or more .*Received: a=.*shape \[3\]/);
      expect(() => matMul(m23, tensor([1, 2, 3]))).toThrow(/matMul: b must be of rank 2 or more/);
      expect(() => matMul(tensor(new Float32Array(12), [2, 2, 3]), tensor(new Float32Array(18), [3, 3, 2]))).toThrow(
        /matMul: shapes \[2\] and \[3\] cannot be broadcast together/,
      );
      expect(() => matMul(tensor([[1]], undefined, 'int32'), [[1]])).toThrow(/matMul: a.dtype must be 'float32'. Received: a.dtype='int32'/);
      expect(() => matMul(m23, m23, { transposeA: 1 as never })).toThrow(/matMul: transposeA must be a boolean. Received: transposeA=1/);
    });

    it('has finite-difference gradients for every transpose combination and broadcast batch axes', async () => {
      await fc.assert(
        fc.asyncProperty(arbMatMulCase(3), async (c) => {
          const [aShape, bShape] = shapesOf(c);
          const inputs = [Array.from(seededValues(c.seed, size(aShape))), Array.from(seededValues(c.seed + 1, size(bShape)))];
          await checkGradients((a, b) => matMul(a, b, { transposeA: c.transposeA, transposeB: c.transposeB }), inputs, [aShape, bShape]);
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('leaves no intermediate tensors behind (reshapes and broadcasts included)', () => {
      const a = tensor(new Float32Array(12), [2, 1, 2, 3]);
      const b = tensor(new Float32Array(18), [3, 3, 2]);
      const before = memory().numTensors;
      const y = matMul(a, b);
      expect(y.shape).toEqual([2, 3, 2, 2]);
      expect(memory().numTensors).toBe(before + 1);
      [a, b, y].forEach((t) => t.dispose());
    });
  });
}
