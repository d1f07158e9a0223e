import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  abs, add, broadcastTo, cast, clipByValue, dispose, div, elu, equal, exp, gelu, grads, greater, greaterEqual, leakyRelu,
  less, lessEqual, log, log1p, logicalAnd, logicalNot, logicalOr, logSoftmax, logSumExp, maximum, memory, minimum,
  mul, neg, notEqual, pow, relu, relu6, rsqrt, selu, sigmoid, sign, softmax, softplus, softsign, sqrt, square, sub,
  sum, tanh, tensor, where, type Tensor,
} from '@neurite/tensor';
import {
  PROPERTY_RUNS, arbShape, arbTensorData, arbValues, checkGradients, expectClose, type BackendUnderTest,
} from '../harness.js';
import { sizeOf, unravel } from '../reference.js';

// ---- plain-JS references -----------------------------------------------------------------------------

const f32 = Math.fround;

/** NumPy's broadcast shape, or null when the shapes do not broadcast. */
function refBroadcastShape(a: readonly number[], b: readonly number[]): number[] | null {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    if (da !== db && da !== 1 && db !== 1) return null;
    out.push(Math.max(da, db));
  }
  return out;
}

/** The flat index into an input of `shape` read by output coordinates `coords` (trailing-aligned, size-1 axes repeat). */
function sourceIndex(coords: readonly number[], shape: readonly number[]): number {
  const offset = coords.length - shape.length;
  let index = 0;
  for (let i = 0; i < shape.length; i++) index = index * shape[i] + (shape[i] === 1 ? 0 : coords[i + offset]);
  return index;
}

/** values of `shape` repeated out to `outShape`. */
function refBroadcast(values: readonly number[], shape: readonly number[], outShape: readonly number[]): number[] {
  return Array.from({ length: sizeOf(outShape) }, (_, i) => values[sourceIndex(unravel(i, outShape), shape)]);
}

/** f applied to broadcast pairs of elements. */
function refBinary(a: number[], aShape: number[], b: number[], bShape: number[], f: (x: number, y: number) => number) {
  const shape = refBroadcastShape(aShape, bShape)!;
  const ab = refBroadcast(a, aShape, shape);
  const bb = refBroadcast(b, bShape, shape);
  return { shape, values: ab.map((x, i) => f(x, bb[i])) };
}

/** erf by its Maclaurin series (accurate in double for |z| < 2.5). */
function erfSeries(z: number): number {
  let total = 0;
  let term = z;
  for (let n = 0; n < 120; n++) {
    total += term / (2 * n + 1);
    term *= (-z * z) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * total;
}

/** erfc(z) for z >= 2 by its continued fraction (the series cancels badly there). */
function erfcContinuedFraction(z: number): number {
  let f = 0;
  for (let k = 80; k >= 1; k--) f = k / 2 / (z + f);
  return Math.exp(-z * z) / Math.sqrt(Math.PI) / (z + f);
}

function refErfc(z: number): number {
  if (z >= 2) return erfcContinuedFraction(z);
  if (z <= -2) return 2 - erfcContinuedFraction(-z);
  return 1 - erfSeries(z);
}

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

const REF = {
  gelu: (x: number) => 0.5 * x * refErfc(-x / Math.SQRT2),
  geluTanh: (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3))),
  sigmoid: (x: number) => 1 / (1 + Math.exp(-x)),
  softplus: (x: number) => (x > 30 ? x : Math.log(1 + Math.exp(x))),
  elu: (x: number) => (x > 0 ? x : Math.exp(x) - 1),
  selu: (x: number) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * (Math.exp(x) - 1)),
};

/** Softmax of each lane along `axis` of a row-major array, in double. */
function refSoftmax(values: number[], shape: number[], axis: number, mode: 'softmax' | 'log'): number[] {
  const out = new Array<number>(values.length);
  const inner = sizeOf(shape.slice(axis + 1));
  const n = shape[axis];
  const outer = values.length / (n * inner);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const idx = Array.from({ length: n }, (_, k) => o * n * inner + k * inner + i);
      const m = Math.max(...idx.map((j) => values[j]));
      const total = idx.reduce((s, j) => s + Math.exp(values[j] - m), 0);
      for (const j of idx) out[j] = mode === 'softmax' ? Math.exp(values[j] - m) / total : values[j] - m - Math.log(total);
    }
  }
  return out;
}

// ---- generators --------------------------------------------------------------------------------------

/** An output shape and two input shapes that broadcast into it (leading axes dropped, some axes set to 1). */
function arbBroadcastShapes(maxRank = 4, maxDim = 3): fc.Arbitrary<{ a: number[]; b: number[] }> {
  const derive = (out: number[]) =>
    fc.record({
      drop: fc.integer({ min: 0, max: out.length }),
      ones: fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
    }).map(({ drop, ones }) => out.slice(drop).map((d, i) => (ones[i + drop] ? 1 : d)));
  return arbShape(0, maxRank, maxDim).chain((out) => fc.record({ a: derive(out), b: derive(out) }));
}

/** Broadcastable shapes with values for each, drawn by `values(size, which)`. */
function arbBinaryCase(values: (size: number, which: 'a' | 'b') => fc.Arbitrary<number[]>, maxRank = 4, maxDim = 3) {
  return arbBroadcastShapes(maxRank, maxDim).chain(({ a, b }) =>
    fc.record({
      aShape: fc.constant(a),
      bShape: fc.constant(b),
      a: values(sizeOf(a), 'a'),
      b: values(sizeOf(b), 'b'),
    }),
  );
}

const ints = (size: number, min = -3, max = 3) => fc.array(fc.integer({ min, max }), { minLength: size, maxLength: size });

/** Moves values off the points in `kinks` by at least `gap` (the finite-difference step is 0.01). */
function avoid(values: number[], kinks: number[], gap = 0.1): number[] {
  return values.map((v) => {
    for (const k of kinks) if (Math.abs(v - k) < gap) return f32(v < k ? k - gap : k + gap);
    return v;
  });
}

/** Finite-difference checks run on small tensors only: each element costs two forward passes. */
const GRAD_RUNS = PROPERTY_RUNS;

async function gradProperty<T>(arb: fc.Arbitrary<T>, check: (c: T) => Promise<void>): Promise<void> {
  await fc.assert(fc.asyncProperty(arb, check), { numRuns: GRAD_RUNS });
}

const read = async (t: Tensor) => Array.from(await t.data());

// ---- the suite ---------------------------------------------------------------------------------------

/** Conformance tests of the 'elementwise' family, run once per backend. */
export function elementwiseSuite(env: BackendUnderTest): void {
  // composites and approximations round several times in float32
  const loose = { rtol: Math.max(env.rtol * 10, 1e-5), atol: Math.max(env.atol * 10, 1e-6) };

  describe(`elementwise (${env.name})`, () => {
    describe('binary arithmetic', () => {
      it('broadcasts across ranks, size-1 axes and scalars', async () => {
        const m = [[1, 2, 3], [4, 5, 6]];
        await expectClose(add(m, [10, 20, 30]), [11, 22, 33, 14, 25, 36], env);
        await expectClose(sub(m, [[1], [2]]), [0, 1, 2, 2, 3, 4], env);
        await expectClose(mul(m, 2), [2, 4, 6, 8, 10, 12], env);
        await expectClose(div(3, tensor([1, 2, 4])), [3, 1.5, 0.75], env);
        const col = tensor([1, 2], [2, 1]);
        const row = tensor([10, 20, 30], [1, 3]);
        const outer = mul(col, row);
        expect(outer.shape).toEqual([2, 3]);
        await expectClose(outer, [10, 20, 30, 20, 40, 60], env);
        const big = add(tensor(new Float32Array(24).map((_, i) => i), [2, 3, 4]), tensor([100, 200, 300], [3, 1]));
        expect(big.shape).toEqual([2, 3, 4]);
        const want = Array.from({ length: 24 }, (_, i) => i + [100, 200, 300][Math.floor(i / 4) % 3]);
        await expectClose(big, want, env);
        const s = add(tensor(2), tensor(3));
        expect(s.shape).toEqual([]);
        await expectClose(s, [5], env);
        expect(add(tensor([], [0, 3]), [1, 2, 3]).shape).toEqual([0, 3]);
      });

      it('computes pow, maximum and minimum, with NaN and Infinity passing through', async () => {
        await expectClose(pow([2, -2, 4, 9, 0], [3, 3, 0.5, -0.5, 0]), [8, -8, 2, 1 / 3, 1], env);
        await expectClose(pow(-8, 1 / 3), [NaN], env);
        await expectClose(maximum([1, 5, NaN, -Infinity], [3, 2, 1, -1]), [3, 5, NaN, -1], env);
        await expectClose(minimum([1, 5, 0, Infinity], [3, 2, NaN, 7]), [1, 2, NaN, 7], env);
        await expectClose(div([1, -1, 0], 0), [Infinity, -Infinity, NaN], env);
        await expectClose(add([Infinity, Infinity], [1, -Infinity]), [Infinity, NaN], env);
      });

      it('matches plain-JS references over random broadcastable shapes', async () => {
        const values = (size: number, which: 'a' | 'b') => (which === 'a' ? arbValues(size, 0.25, 3) : arbValues(size, -3, 3, 0.25));
        const ops: [string, (a: Tensor, b: Tensor) => Tensor, (x: number, y: number) => number][] = [
          ['add', add, (x, y) => x + y],
          ['sub', sub, (x, y) => x - y],
          ['mul', mul, (x, y) => x * y],
          ['div', div, (x, y) => x / y],
          ['pow', pow, (x, y) => x ** y],
          ['maximum', maximum, Math.max],
          ['minimum', minimum, Math.min],
        ];
        await fc.assert(
          fc.asyncProperty(arbBinaryCase(values), async ({ aShape, bShape, a, b }) => {
            const ta = tensor(Float32Array.from(a), aShape);
            const tb = tensor(Float32Array.from(b), bShape);
            for (const [name, op, f] of ops) {
              const ref = refBinary(a, aShape, b, bShape, f);
              const y = op(ta, tb);
              expect(y.shape, name).toEqual(ref.shape);
              await expectClose(y, ref.values, env, name);
              y.dispose();
            }
            dispose([ta, tb]);
          }),
          { numRuns: PROPERTY_RUNS },
        );
      });
    });

    describe('comparisons and logic', () => {
      it('compares with broadcasting and returns bool; NaN equals nothing', async () => {
        const a = [1, 2, 3, NaN];
        const b = [2, 2, 2, NaN];
        const cases: [Tensor, number[]][] = [
          [equal(a, b), [0, 1, 0, 0]],
          [notEqual(a, b), [1, 0, 1, 1]],
          [greater(a, b), [0, 0, 1, 0]],
          [greaterEqual(a, b), [0, 1, 1, 0]],
          [less(a, b), [1, 0, 0, 0]],
          [lessEqual(a, b), [1, 1, 0, 0]],
        ];
        for (const [t, want] of cases) {
          expect(t.dtype).toBe('bool');
          expect(await read(t)).toEqual(want);
        }
        const g = greater([[1], [5]], [2, 4, 6]);
        expect(g.shape).toEqual([2, 3]);
        expect(await read(g)).toEqual([0, 0, 0, 1, 1, 0]);
        expect(await read(equal(tensor([1, 2], undefined, 'int32'), 2))).toEqual([0, 1]);
        expect(await read(equal(tensor([1, 2], undefined, 'int32'), 1.5))).toEqual([0, 0]);
        expect(await read(equal([true, false], [true, true]))).toEqual([1, 0]);
      });

      it('matches plain-JS comparisons over random broadcastable shapes with ties', async () => {
        const ops: [string, (a: Tensor, b: Tensor) => Tensor, (x: number, y: number) => boolean][] = [
          ['equal', equal, (x, y) => x === y],
          ['notEqual', notEqual, (x, y) => x !== y],
          ['greater', greater, (x, y) => x > y],
          ['greaterEqual', greaterEqual, (x, y) => x >= y],
          ['less', less, (x, y) => x < y],
          ['lessEqual', lessEqual, (x, y) => x <= y],
        ];
        await fc.assert(
          fc.asyncProperty(arbBinaryCase((n) => ints(n)), async ({ aShape, bShape, a, b }) => {
            const ta = tensor(Int32Array.from(a), aShape);
            const tb = tensor(Float32Array.from(b), bShape);
            for (const [name, op, f] of ops) {
              const y = op(ta, tb);
              expect(y.dtype).toBe('bool');
              expect(await read(y), name).toEqual(refBinary(a, aShape, b, bShape, (x, z) => (f(x, z) ? 1 : 0)).values);
              y.dispose();
            }
            dispose([ta, tb]);
          }),
          { numRuns: PROPERTY_RUNS },
        );
      });

      it('computes logicalAnd, logicalOr and logicalNot on bool tensors, with broadcasting', async () => {
        const a = tensor([true, true, false, false]);
        const b = tensor([true, false, true, false]);
        const and = logicalAnd(a, b);
        expect(and.dtype).toBe('bool');
        expect(await read(and)).toEqual([1, 0, 0, 0]);
        expect(await read(logicalOr(a, b))).toEqual([1, 1, 1, 0]);
        expect(await read(logicalNot(a))).toEqual([0, 0, 1, 1]);
        expect(logicalNot(a).dtype).toBe('bool');
        const c = logicalOr(tensor([[true], [false]]), tensor([false, true, false]));
        expect(c.shape).toEqual([2, 3]);
        expect(await read(c)).toEqual([1, 1, 1, 0, 1, 0]);
        expect(await read(logicalAnd(a, true))).toEqual([1, 1, 0, 0]);
      });
    });

    describe('dtypes', () => {
      const i32 = (v: number[]) => tensor(Int32Array.from(v));

      it('keeps int32 arithmetic in int32 and upcasts mixed operands', async () => {
        const cases: [Tensor, string, number[]][] = [
          [add(i32([1, 2]), i32([3, 4])), 'int32', [4, 6]],
          [mul(i32([3, -4]), 2), 'int32', [6, -8]],
          [add(i32([1, 2]), 0.5), 'float32', [1.5, 2.5]],
          [sub(i32([1, 2]), tensor([0.25, 0.5])), 'float32', [0.75, 1.5]],
          [div(i32([7, -7, 1]), i32([2, 2, 0])), 'float32', [3.5, -3.5, Infinity]],
          [pow(i32([2, 3]), i32([3, 2])), 'int32', [8, 9]],
          [maximum(i32([1, 5]), i32([3, 2])), 'int32', [3, 5]],
          [add(tensor([true, true, false]), tensor([true, false, false])), 'int32', [2, 1, 0]],
          [mul(tensor([true, false]), i32([5, 5])), 'int32', [5, 0]],
          [minimum(tensor([true, false]), tensor([true, true])), 'int32', [1, 0]],
          [sub(tensor([true]), 0.5), 'float32', [0.5]],
        ];
        for (const [t, dtype, want] of cases) {
          expect(t.dtype).toBe(dtype);
          await expectClose(t, want, env);
        }
        if (env.exactInt32 === false) {
          // float32-held integers: exact up to 2^24
          expect(await read(mul(i32([4096, -4095]), i32([4096, 4097])))).toEqual([16777216, -16777215]);
        } else {
          // int32 products wrap modulo 2^32 exactly (a float product would lose the low bits)
          const wrapped = mul(i32([65536, 123456789]), i32([65536, 987654321]));
          expect(await read(wrapped)).toEqual([0, Math.imul(123456789, 987654321)]);
          expect(await read(square(i32([123456789])))).toEqual([Math.imul(123456789, 123456789)]);
        }
      });

      it('keeps int32 for abs, neg, sign, square, relu and relu6; computes float ops in float32', async () => {
        const x = i32([-3, 0, 2, 9]);
        const keep: [Tensor, number[]][] = [
          [abs(x), [3, 0, 2, 9]],
          [neg(x), [3, 0, -2, -9]],
          [sign(x), [-1, 0, 1, 1]],
          [square(x), [9, 0, 4, 81]],
          [relu(x), [0, 0, 2, 9]],
          [relu6(x), [0, 0, 2, 6]],
          [neg(tensor([true, false])), [-1, 0]],
        ];
        for (const [t, want] of keep) {
          expect(t.dtype).toBe('int32');
          expect(await read(t)).toEqual(want);
        }
        const floats: [Tensor, number[]][] = [
          [exp(x), [-3, 0, 2, 9].map(Math.exp)],
          [sqrt(i32([4, 2])), [2, Math.SQRT2]],
          [log(i32([1, 8])), [0, Math.log(8)]],
          [sigmoid(i32([0])), [0.5]],
          [tanh(tensor([true])), [Math.tanh(1)]],
          [leakyRelu(i32([-5, 5])), [-1, 5]],
          [softmax(i32([1, 1])), [0.5, 0.5]],
        ];
        for (const [t, want] of floats) {
          expect(t.dtype).toBe('float32');
          await expectClose(t, want, env);
        }
      });

      it('casts between dtypes', async () => {
        const x = tensor([-1.7, 0, 2.9, 0.2]);
        const asInt = cast(x, 'int32');
        expect(asInt.dtype).toBe('int32');
        expect(await read(asInt)).toEqual([-1, 0, 2, 0]);
        expect(await read(cast(x, 'bool'))).toEqual([1, 0, 1, 1]);
        expect(await read(x.cast('bool').cast('float32'))).toEqual([1, 0, 1, 1]);
        expect(cast(x, 'float32')).toBe(x);
      });
    });

    describe('unary math', () => {
      const xs = [-Infinity, -3.5, -1, -0.25, 0, 0.5, 1, 2.75, 10, Infinity, NaN];
      const cases: [string, (t: Tensor) => Tensor, (x: number) => number][] = [
        ['neg', neg, (x) => -x],
        ['abs', abs, Math.abs],
        ['sign', sign, (x) => (Number.isNaN(x) ? NaN : x > 0 ? 1 : x < 0 ? -1 : 0)],
        ['square', square, (x) => x * x],
        ['sqrt', sqrt, Math.sqrt],
        ['rsqrt', rsqrt, (x) => 1 / Math.sqrt(x)],
        ['exp', exp, Math.exp],
        ['log', log, Math.log],
        ['log1p', log1p, (x) => (x === -1 ? -Infinity : x < -1 ? NaN : Math.log1p(x))],
        ['tanh', tanh, (x) => (x === Infinity ? 1 : x === -Infinity ? -1 : Math.tanh(x))],
      ];
      for (const [name, op, f] of cases) {
        it(`${name} matches Math at ordinary, extreme, infinite and NaN inputs`, async () => {
          const y = op(tensor(xs));
          expect(y.dtype).toBe('float32');
          await expectClose(y, xs.map(f), env, name);
        });
      }

      it('keeps tiny values accurate in log1p and keeps the shape of rank-0 and empty tensors', async () => {
        await expectClose(log1p([1e-10, -1e-7]), [1e-10, Math.log1p(-1e-7)], { rtol: 1e-5, atol: 0 });
        expect(exp(tensor(2)).shape).toEqual([]);
        expect(sqrt(tensor([], [2, 0])).shape).toEqual([2, 0]);
      });
    });

    describe('activations', () => {
      const xs = [-1e4, -50, -6, -2.5, -1, -0.1, 0, 0.1, 1, 2.5, 6, 7, 50, 1e4];

      it('relu, relu6, leakyRelu, elu and selu match their definitions', async () => {
        await expectClose(relu(xs), xs.map((x) => Math.max(x, 0)), env, 'relu');
        await expectClose(relu6(xs), xs.map((x) => Math.min(Math.max(x, 0), 6)), env, 'relu6');
        await expectClose(leakyRelu(xs), xs.map((x) => (x > 0 ? x : 0.2 * x)), env, 'leakyRelu');
        await expectClose(leakyRelu(xs, { alpha: 0.01 }), xs.map((x) => (x > 0 ? x : f32(0.01) * x)), env, 'leakyRelu 0.01');
        await expectClose(elu(xs), xs.map(REF.elu), env, 'elu');
        await expectClose(selu(xs), xs.map(REF.selu), env, 'selu');
        await expectClose(relu([NaN, -Infinity, Infinity]), [NaN, 0, Infinity], env);
      });

      it('sigmoid, softplus, softsign and tanh stay finite and exact at extreme inputs', async () => {
        await expectClose(sigmoid(xs), xs.map(REF.sigmoid), env, 'sigmoid');
        await expectClose(softplus(xs), xs.map(REF.softplus), env, 'softplus');
        await expectClose(softsign(xs), xs.map((x) => x / (1 + Math.abs(x))), env, 'softsign');
        await expectClose(tanh(xs), xs.map(Math.tanh), env, 'tanh');
        // the far tails: no overflow to NaN, no loss of the tiny values
        await expectClose(sigmoid([-1e30, -80, 100, 1e30]), [0, REF.sigmoid(-80), 1, 1], { rtol: 1e-5, atol: 0 });
        await expectClose(softplus([-80, -30, 1e30]), [Math.exp(-80), Math.log1p(Math.exp(-30)), 1e30], { rtol: 1e-5, atol: 0 });
        await expectClose(
          (await Promise.all([sigmoid, softplus, softsign, tanh].map((op) => op([-Infinity, Infinity]).data()))).flatMap((v) => Array.from(v)),
          [0, 1, 0, Infinity, -1, 1, -1, 1],
          env,
        );
      });

      it('gelu matches the erf form exactly and the tanh form when approximate', async () => {
        const grid = Array.from({ length: 81 }, (_, i) => -4 + i * 0.1).map(f32);
        await expectClose(gelu(grid), grid.map(REF.gelu), env, 'gelu');
        await expectClose(gelu(grid, { approximate: true }), grid.map(REF.geluTanh), loose, 'gelu tanh');
        await expectClose(gelu([-Infinity, Infinity]), [0, Infinity], env);
        // deep in the negative tail the result is tiny, not a cancellation to 0 or a NaN
        await expectClose(gelu([-8]), [REF.gelu(-8)], { rtol: 1e-5, atol: 0 });
        expect(gelu([1]).dtype).toBe('float32');
      });

      it('clipByValue clamps, keeps NaN, and picks int32 or float32 by its bounds', async () => {
        await expectClose(clipByValue([-5, -1, 0, 0.5, 3, NaN], -1, 0.5), [-1, -1, 0, 0.5, 0.5, NaN], env);
        await expectClose(clipByValue([-5, 5], -Infinity, 2), [-5, 2], env);
        const i = clipByValue(tensor(Int32Array.from([-9, 3, 9])), -2, 4);
        expect(i.dtype).toBe('int32');
        expect(await read(i)).toEqual([-2, 3, 4]);
        const f = clipByValue(tensor(Int32Array.from([-9, 3])), -2.5, 4);
        expect(f.dtype).toBe('float32');
        await expectClose(f, [-2.5, 3], env);
      });
    });

    describe('where', () => {
      it('selects with broadcasting of condition, a and b', async () => {
        const y = where(tensor([[true], [false]]), tensor([1, 2, 3]), 0);
        expect(y.shape).toEqual([2, 3]);
        await expectClose(y, [1, 2, 3, 0, 0, 0], env);
        const z = where(tensor([true, false, true]), tensor([[1, 2, 3], [4, 5, 6]]), tensor([[-1], [-2]]));
        await expectClose(z, [1, -1, 3, 4, -2, 6], env);
        const n = where(less([1, -1], 0), [NaN, 7], [8, NaN]);
        await expectClose(n, [8, 7], env);
        const i = where(tensor([true, false]), tensor(Int32Array.from([1, 2])), 5);
        expect(i.dtype).toBe('int32');
        const f = where(tensor([true, false]), tensor(Int32Array.from([1, 2])), 0.5);
        expect(f.dtype).toBe('float32');
        await expectClose(f, [1, 0.5], env);
      });
    });

    describe('softmax, logSoftmax and logSumExp', () => {
      it('match references along each axis', async () => {
        const values = [1, 2, 3, -1, 0, 4];
        const m = tensor(values, [2, 3]);
        await expectClose(softmax(m), refSoftmax(values, [2, 3], 1, 'softmax'), loose);
        await expectClose(softmax(m, { axis: 0 }), refSoftmax(values, [2, 3], 0, 'softmax'), loose);
        await expectClose(logSoftmax(m), refSoftmax(values, [2, 3], 1, 'log'), loose);
        await expectClose(m.logSoftmax({ axis: -2 }), refSoftmax(values, [2, 3], 0, 'log'), loose);
        const cube = Array.from({ length: 24 }, (_, i) => Math.sin(i) * 3);
        await expectClose(softmax(tensor(cube, [2, 3, 4]), { axis: 1 }), refSoftmax(cube, [2, 3, 4], 1, 'softmax'), loose);
        const lse = logSumExp(m, { axis: 1 });
        expect(lse.shape).toEqual([2]);
        await expectClose(lse, [0, 1].map((r) => Math.log(values.slice(3 * r, 3 * r + 3).reduce((s, v) => s + Math.exp(v), 0))), loose);
        const all = logSumExp(m, { keepDims: true });
        expect(all.shape).toEqual([1, 1]);
        await expectClose(all, [Math.log(values.reduce((s, v) => s + Math.exp(v), 0))], loose);
        const cols = logSumExp(m, { axis: [0] });
        await expectClose(cols, [0, 1, 2].map((c) => Math.log(Math.exp(values[c]) + Math.exp(values[c + 3]))), loose);
      });

      it('stay finite for logits of ±1e4 and handle infinite rows', async () => {
        const x = tensor([1e4, -1e4, 0, 1e4, 1e4, 1e4 - 1], [2, 3]);
        const e1 = Math.exp(-1);
        await expectClose(softmax(x), [1, 0, 0, 1 / (2 + e1), 1 / (2 + e1), e1 / (2 + e1)], loose);
        await expectClose(logSoftmax(x), [0, -2e4, -1e4, -Math.log(2 + e1), -Math.log(2 + e1), -1 - Math.log(2 + e1)], loose);
        await expectClose(logSumExp(x, { axis: 1 }), [1e4, 1e4 + Math.log(2 + e1)], loose);
        await expectClose(logSumExp([-1e4, -1e4]), [-1e4 + Math.LN2], loose);
        await expectClose(logSumExp(tensor([-Infinity, -Infinity, 0, -Infinity], [2, 2]), { axis: 1 }), [-Infinity, 0], env);
        await expectClose(logSumExp([Infinity, 1]), [Infinity], env);
        await expectClose(softmax([-Infinity, 0, 0]), [0, 0.5, 0.5], env);
      });
    });

    it('offers the common ops as Tensor methods', async () => {
      const x = tensor([0.5, -2, 3]);
      const y = tensor([1, 4, 3]);
      const cases: [string, Tensor, number[]][] = [
        ['add', x.add(y), [1.5, 2, 6]],
        ['sub', x.sub(1), [-0.5, -3, 2]],
        ['mul', x.mul(y), [0.5, -8, 9]],
        ['div', x.div(y), [0.5, -0.5, 1]],
        ['pow', y.pow(2), [1, 16, 9]],
        ['maximum', x.maximum(y), [1, 4, 3]],
        ['minimum', x.minimum(y), [0.5, -2, 3]],
        ['equal', x.equal(y), [0, 0, 1]],
        ['notEqual', x.notEqual(y), [1, 1, 0]],
        ['greater', x.greater(0), [1, 0, 1]],
        ['greaterEqual', x.greaterEqual(3), [0, 0, 1]],
        ['less', x.less(0), [0, 1, 0]],
        ['lessEqual', x.lessEqual(0.5), [1, 1, 0]],
        ['logicalAnd', x.greater(0).logicalAnd(y.greater(2)), [0, 0, 1]],
        ['logicalOr', x.greater(0).logicalOr(y.greater(2)), [1, 1, 1]],
        ['logicalNot', x.greater(0).logicalNot(), [0, 1, 0]],
        ['neg', x.neg(), [-0.5, 2, -3]],
        ['abs', x.abs(), [0.5, 2, 3]],
        ['sign', x.sign(), [1, -1, 1]],
        ['square', x.square(), [0.25, 4, 9]],
        ['sqrt', y.sqrt(), [1, 2, Math.sqrt(3)]],
        ['rsqrt', y.rsqrt(), [1, 0.5, 1 / Math.sqrt(3)]],
        ['exp', x.exp(), [0.5, -2, 3].map(Math.exp)],
        ['log', y.log(), [1, 4, 3].map(Math.log)],
        ['log1p', y.log1p(), [1, 4, 3].map(Math.log1p)],
        ['relu', x.relu(), [0.5, 0, 3]],
        ['sigmoid', x.sigmoid(), [0.5, -2, 3].map(REF.sigmoid)],
        ['tanh', x.tanh(), [0.5, -2, 3].map(Math.tanh)],
        ['clipByValue', x.clipByValue(-1, 1), [0.5, -1, 1]],
        ['softmax', x.softmax(), refSoftmax([0.5, -2, 3], [3], 0, 'softmax')],
        ['logSoftmax', x.logSoftmax({ axis: 0 }), refSoftmax([0.5, -2, 3], [3], 0, 'log')],
        ['cast', x.cast('int32'), [0, -2, 3]],
      ];
      for (const [name, t, want] of cases) await expectClose(t, want, loose, name);
    });

    describe('argument errors', () => {
      it('shows both shapes when operands do not broadcast', () => {
        expect(() => add(tensor([1, 2, 3, 4, 5, 6], [2, 3]), [1, 2, 3, 4])).toThrow(/add: shapes \[2,3\] and \[4\] cannot be broadcast/);
        expect(() => mul(tensor([1, 2], [2, 1]), tensor([1, 2, 3], [3, 1]))).toThrow(/mul: shapes \[2,1\] and \[3,1\]/);
        expect(() => greater([1, 2], [1, 2, 3])).toThrow(/greater: shapes \[2\] and \[3\]/);
        expect(() => logicalOr([true, false], [true, false, true])).toThrow(/logicalOr: shapes \[2\] and \[3\]/);
        expect(() => where(tensor([true, false]), [1, 2, 3], 0)).toThrow(/where: shapes \[2\] and \[3\]/);
        expect(() => where(tensor([true]), [1, 2, 3], [1, 2])).toThrow(/where: shapes \[3\] and \[2\]/);
      });

      it('rejects non-bool conditions and logical operands, and bad dtypes', () => {
        expect(() => where(tensor([1, 0]), 1, 2)).toThrow(/where: condition must be of dtype 'bool'.*Received: condition=Tensor\(shape=\[2\], dtype=float32\)/);
        expect(() => logicalAnd(tensor([1, 0]), tensor([true, false]))).toThrow(/logicalAnd: a must be of dtype 'bool'.*dtype=float32/);
        expect(() => logicalOr(tensor([true]), 1)).toThrow(/logicalOr: b must be of dtype 'bool'/);
        expect(() => logicalNot(tensor(Int32Array.from([1])))).toThrow(/logicalNot: x must be of dtype 'bool'.*dtype=int32/);
        expect(() => cast([1], 'float64' as never)).toThrow(/cast: dtype must be one of 'float32', 'int32', 'bool'\. Received: dtype='float64'/);
        expect(() => add('a' as never, 1)).toThrow(/add: a must be a Tensor, a number, a boolean or an array\. Received: a='a'/);
        expect(() => exp({} as never)).toThrow(/exp: x must be a Tensor/);
      });

      it('rejects bad options and bounds', () => {
        expect(() => leakyRelu([1], { alpha: NaN })).toThrow(/leakyRelu: alpha must be a finite number\. Received: alpha=NaN/);
        expect(() => leakyRelu([1], { alpah: 0.1 } as never)).toThrow("leakyRelu: unknown option 'alpah' (did you mean 'alpha'?); the options are 'alpha'. Received: alpah=0.1");
        expect(() => gelu([1], { approximate: 1 } as never)).toThrow(/gelu: approximate must be a boolean\. Received: approximate=1/);
        expect(() => gelu([1], 'tanh' as never)).toThrow(/gelu: options must be an object/);
        expect(() => clipByValue([1], 2, 1)).toThrow(/clipByValue: max must be at least min \(2\)\. Received: max=1/);
        expect(() => clipByValue([1], NaN, 1)).toThrow(/clipByValue: min must be a number\. Received: min=NaN/);
        expect(() => clipByValue([1], 0, '1' as never)).toThrow(/clipByValue: max must be a number/);
        expect(() => softmax([[1, 2]], { axis: 2 })).toThrow(/softmax: axis must be an integer in \[-2, 1\] for a tensor of rank 2\. Received: axis=2/);
        expect(() => logSoftmax(tensor(1))).toThrow(/logSoftmax: x must be a tensor of rank at least 1/);
        expect(() => softmax([1], { axis: [0] } as never)).toThrow(/softmax: axis must be an integer/);
        expect(() => logSumExp([[1, 2]], { axis: 3 })).toThrow(/logSumExp: axis must be/);
        expect(() => logSumExp(tensor([], [2, 0]), { axis: 1 })).toThrow(/logSumExp: axis must be an axis of non-zero size/);
        expect(() => logSumExp([1], { keepdims: true } as never)).toThrow("logSumExp: unknown option 'keepdims' (did you mean 'keepDims'?); the options are 'axis', 'keepDims'. Received: keepdims=true");
      });
    });

    describe('algebraic laws (random shapes)', () => {
      const pairs = arbBinaryCase((n) => arbValues(n, -5, 5));

      it('a + b equals broadcastTo(a) + broadcastTo(b), and a - b equals a + neg(b)', async () => {
        await fc.assert(
          fc.asyncProperty(pairs, async ({ aShape, bShape, a, b }) => {
            const ta = tensor(Float32Array.from(a), aShape);
            const tb = tensor(Float32Array.from(b), bShape);
            const direct = add(ta, tb);
            const explicit = add(broadcastTo(ta, direct.shape), broadcastTo(tb, direct.shape));
            expect(await read(direct)).toEqual(await read(explicit));
            const diff = sub(ta, tb);
            const viaNeg = add(ta, neg(tb));
            expect(await read(diff)).toEqual(await read(viaNeg));
            dispose([ta, tb, direct, explicit, diff, viaNeg]);
          }),
          { numRuns: PROPERTY_RUNS },
        );
      });

      it('sum(a + b) = sum(broadcast a) + sum(broadcast b)', async () => {
        await fc.assert(
          fc.asyncProperty(pairs, async ({ aShape, bShape, a, b }) => {
            const ta = tensor(Float32Array.from(a), aShape);
            const tb = tensor(Float32Array.from(b), bShape);
            const s = add(ta, tb);
            const total = sum(s);
            const parts = add(sum(broadcastTo(ta, s.shape)), sum(broadcastTo(tb, s.shape)));
            const [got] = await read(total);
            const [want] = await read(parts);
            expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-4 * (1 + s.size * 5));
            dispose([ta, tb, s, total, parts]);
          }),
          { numRuns: PROPERTY_RUNS },
        );
      });

      it('softmax lanes sum to 1, and logSoftmax = x - logSumExp(x)', async () => {
        const arb = arbTensorData(1, 4, 4, -20, 20).chain((d) =>
          fc.record({ d: fc.constant(d), axis: fc.integer({ min: -d.shape.length, max: d.shape.length - 1 }) }),
        );
        await fc.assert(
          fc.asyncProperty(arb, async ({ d: { shape, values }, axis }) => {
            const x = tensor(Float32Array.from(values), shape);
            const s = softmax(x, { axis });
            const lanes = sum(s, { axis });
            await expectClose(lanes, new Array(lanes.size).fill(1), { rtol: 0, atol: 1e-5 });
            const ls = logSoftmax(x, { axis });
            const viaLse = sub(x, logSumExp(x, { axis, keepDims: true }));
            await expectClose(ls, await read(viaLse), { rtol: 1e-5, atol: 1e-5 });
            const a = axis < 0 ? axis + shape.length : axis;
            await expectClose(s, refSoftmax(values, shape, a, 'softmax'), loose);
            dispose([x, s, lanes, ls, viaLse]);
          }),
          { numRuns: PROPERTY_RUNS },
        );
      });
    });

    describe('gradients (finite differences)', () => {
      /** name, f, value range, kinks to keep away from */
      const unary: [string, (t: Tensor) => Tensor, number, number, number[]][] = [
        ['neg', neg, -3, 3, []],
        ['abs', abs, -3, 3, [0]],
        ['sign', sign, -3, 3, [0]],
        ['square', square, -3, 3, []],
        ['sqrt', sqrt, 0.5, 3, []],
        ['rsqrt', rsqrt, 0.5, 3, []],
        ['exp', exp, -2, 2, []],
        ['log', log, 0.5, 3, []],
        ['log1p', log1p, -0.5, 3, []],
        ['relu', relu, -3, 3, [0]],
        ['relu6', relu6, -2, 8, [0, 6]],
        ['leakyRelu', (t) => leakyRelu(t), -3, 3, [0]],
        ['leakyRelu alpha 0.05', (t) => leakyRelu(t, { alpha: 0.05 }), -3, 3, [0]],
        ['elu', elu, -3, 3, [0]],
        ['selu', selu, -3, 3, [0]],
        ['gelu', (t) => gelu(t), -3, 3, []],
        ['gelu approximate', (t) => gelu(t, { approximate: true }), -3, 3, []],
        ['sigmoid', sigmoid, -4, 4, []],
        ['tanh', tanh, -3, 3, []],
        ['softplus', softplus, -4, 4, []],
        ['softsign', softsign, -3, 3, [0]],
        ['clipByValue', (t) => clipByValue(t, -1, 1.5), -3, 3, [-1, 1.5]],
      ];
      for (const [name, f, min, max, kinks] of unary) {
        it(`${name}`, async () => {
          await gradProperty(arbTensorData(0, 3, 3, min, max), async ({ shape, values }) => {
            await checkGradients(f, [avoid(values, kinks)], [shape]);
          });
        });
      }

      it('gelu at exactly 0 has slope 1/2', async () => {
        const probe = [0];
        await checkGradients((t) => gelu(t), [probe], [[1]]);
      });

      const binaryGrads: [string, (a: Tensor, b: Tensor) => Tensor, (size: number, which: 'a' | 'b') => fc.Arbitrary<number[]>][] = [
        ['add', add, (n) => arbValues(n)],
        ['sub', sub, (n) => arbValues(n)],
        ['mul', mul, (n) => arbValues(n)],
        ['div', div, (n, w) => (w === 'a' ? arbValues(n) : arbValues(n, -3, 3, 0.5))],
        ['pow', pow, (n, w) => (w === 'a' ? arbValues(n, 0.5, 2) : arbValues(n, -2, 2))],
        // a on the grid k + 0.25 and b on k - 0.25: never within 0.5 of each other, so no ties
        ['maximum', maximum, (n, w) => ints(n).map((v) => v.map((k) => k + (w === 'a' ? 0.25 : -0.25)))],
        ['minimum', minimum, (n, w) => ints(n).map((v) => v.map((k) => k + (w === 'a' ? 0.25 : -0.25)))],
      ];
      for (const [name, f, values] of binaryGrads) {
        it(`${name} with broadcasting`, async () => {
          await gradProperty(arbBinaryCase(values, 3, 3), async ({ aShape, bShape, a, b }) => {
            await checkGradients(f, [a, b], [aShape, bShape]);
          });
        });
      }

      it('pow sends no NaN to the exponent at a base of 0 or below', async () => {
        const [, db] = grads((a: Tensor, b: Tensor) => sum(pow(a, b)))([tensor([0, -2, 3]), tensor([2, 2, 2])]);
        await expectClose(db, [0, 0, 9 * Math.log(3)], env);
      });

      it('maximum and minimum send a tie to a', async () => {
        const [ga, gb] = grads((a: Tensor, b: Tensor) => sum(maximum(a, b)))([tensor([1, 2]), tensor([1, 3])]);
        expect(await read(ga)).toEqual([1, 0]);
        expect(await read(gb)).toEqual([0, 1]);
        const [ha, hb] = grads((a: Tensor, b: Tensor) => sum(minimum(a, b)))([tensor([1, 2]), tensor([1, 3])]);
        expect(await read(ha)).toEqual([1, 1]);
        expect(await read(hb)).toEqual([0, 0]);
        const [r] = grads((x: Tensor) => sum(relu(x)))([tensor([-1, 0, 2])]);
        expect(await read(r)).toEqual([0, 0, 1]);
      });

      it('where (Select) with broadcasting', async () => {
        const arb = arbBroadcastShapes(3, 3).chain(({ a, b }) =>
          fc.record({
            aShape: fc.constant(a),
            bShape: fc.constant(b),
            cShape: arbShape(0, 2, 1).map((s) => s.map(() => 1)),
            a: arbValues(sizeOf(a)),
            b: arbValues(sizeOf(b)),
            flags: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
          }),
        );
        await gradProperty(arb, async ({ aShape, bShape, a, b, flags }) => {
          const out = refBroadcastShape(aShape, bShape)!;
          // a condition over the output's last axis (or a scalar), so it broadcasts too
          const cShape = out.length ? [out[out.length - 1]] : [];
          const condition = tensor(flags.slice(0, sizeOf(cShape)), cShape, 'bool');
          await checkGradients((x, y) => where(condition, x, y), [a, b], [aShape, bShape]);
          condition.dispose();
        });
      });

      it('softmax, logSoftmax and logSumExp over random axes', async () => {
        const arb = arbTensorData(1, 3, 3, -3, 3).chain((d) =>
          fc.record({
            d: fc.constant(d),
            axis: fc.integer({ min: 0, max: d.shape.length - 1 }),
            axes: fc.subarray(d.shape.map((_, i) => i)),
            keepDims: fc.boolean(),
          }),
        );
        await gradProperty(arb, async ({ d: { shape, values }, axis, axes, keepDims }) => {
          await checkGradients((t) => softmax(t, { axis }), [values], [shape]);
          await checkGradients((t) => logSoftmax(t, { axis }), [values], [shape]);
          await checkGradients((t) => logSumExp(t, { axis: axes, keepDims }), [values], [shape]);
        });
      });

      it('leave no tensors behind', async () => {
        const x = tensor([[1, -2, 3], [0.5, 2, -1]]);
        const before = memory().numTensors;
        const gs = grads((t: Tensor) => sum(mul(logSoftmax(t), gelu(t))))([x]);
        dispose(gs);
        expect(memory().numTensors).toBe(before);
        x.dispose();
      });
    });
  });
}
