import { describe, expect, it } from 'vitest';
import {
  abs, add, broadcastTo, cast, dispose, div, equal, exp, gather, greater, greaterEqual, less, log, max, maximum, min,
  minimum, mul, neg, notEqual, relu, relu6, rsqrt, sigmoid, sign, slice, sqrt, square, stridedSlice, sub, sum, tanh,
  tensor, tile, transpose, where, type Tensor,
} from '@neurite/tensor';
import { expectClose, values, type BackendUnderTest } from '../harness.js';
import { seededValues } from './linalg.js';

const f32 = Math.fround;

/** n float32 values in [lo, hi), from a seed. */
function spread(n: number, lo: number, hi: number, seed: number): number[] {
  return Array.from(seededValues(seed, n), (v) => f32(lo + ((v + 1) / 2) * (hi - lo)));
}

/** Row-major strides of a shape. */
const strides = (shape: number[]) => shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));

/**
 * Conformance tests on long inputs: runs of hundreds or thousands of elements, so that backends that
 * work in vectors, in blocks or in pieces per thread (the wasm backend) go through their full-width
 * loops, their tails and their block boundaries, which the small random shapes of the other suites
 * seldom reach.
 */
export function longSuite(env: BackendUnderTest): void {
  describe(`long inputs (${env.name})`, () => {
    it('binary ops match plain JS over long runs, broadcast rows, columns and scalars, float32 and int32', async () => {
      const [R, C] = [37, 129];
      const a = spread(R * C, -5, 5, 1);
      const shapes: number[][] = [[R, C], [C], [R, 1], []];
      const ops: [string, (x: Tensor, y: Tensor) => Tensor, (x: number, y: number) => number][] = [
        ['add', add, (x, y) => x + y], ['sub', sub, (x, y) => x - y], ['mul', mul, (x, y) => x * y],
        ['div', div, (x, y) => x / y], ['maximum', maximum, Math.max], ['minimum', minimum, Math.min],
      ];
      for (const bShape of shapes) {
        const n = bShape.reduce((p, d) => p * d, 1);
        const b = spread(n, 0.5, 3, 2 + bShape.length);
        const at = (i: number) => {
          if (bShape.length === 0) return b[0];
          if (bShape.length === 1) return b[i % C];
          if (bShape[1] === 1) return b[Math.floor(i / C)];
          return b[i];
        };
        const x = tensor(a, [R, C]);
        const y = tensor(b, bShape);
        for (const [name, op, ref] of ops) {
          await expectClose(op(x, y), a.map((v, i) => f32(ref(v, at(i)))), env, `${name} [${R},${C}] with [${bShape}]`);
        }
        // int32: the same patterns on integers (products stay exact: |a b| < 2^24)
        const ai = a.map((v) => Math.round(v * 100));
        const bi = b.map((v) => Math.round(v * 10));
        const xi = tensor(ai, [R, C], 'int32');
        const yi = tensor(bi, bShape, 'int32');
        const atI = (i: number) => Math.round(at(i) * 10);
        for (const [name, op, ref] of [['add', add, (p: number, q: number) => p + q], ['sub', sub, (p: number, q: number) => p - q],
          ['mul', mul, (p: number, q: number) => p * q], ['maximum', maximum, Math.max], ['minimum', minimum, Math.min]] as const) {
          const got = op(xi, yi);
          expect(got.dtype).toBe('int32');
          expect(await values(got), `int32 ${name} with [${bShape}]`).toEqual(ai.map((v, i) => ref(v, atI(i))));
        }
        dispose([x, y, xi, yi]);
      }
    });

    it('comparisons match plain JS over long runs with many ties, float32 and int32, into bool', async () => {
      const n = 1000 + 13;
      const a = spread(n, -3, 3, 5).map((v) => Math.round(v * 2) / 2);
      const b = spread(n, -3, 3, 6).map((v) => Math.round(v * 2) / 2);
      const cmp: [string, (x: Tensor, y: Tensor) => Tensor, (x: number, y: number) => boolean][] = [
        ['equal', equal, (x, y) => x === y], ['notEqual', notEqual, (x, y) => x !== y], ['greater', greater, (x, y) => x > y],
        ['greaterEqual', greaterEqual, (x, y) => x >= y], ['less', less, (x, y) => x < y],
      ];
      for (const dtype of ['float32', 'int32'] as const) {
        const scale = dtype === 'int32' ? 2 : 1;
        const x = tensor(a.map((v) => v * scale), [n], dtype);
        const y = tensor(b.map((v) => v * scale), [n], dtype);
        const s = tensor([0.5 * scale], [1], dtype);
        for (const [name, op, ref] of cmp) {
          const got = op(x, y);
          expect(got.dtype).toBe('bool');
          expect(await values(got), `${dtype} ${name}`).toEqual(a.map((v, i) => (ref(v, b[i]) ? 1 : 0)));
          expect(await values(op(x, s)), `${dtype} ${name} with a scalar`).toEqual(a.map((v) => (ref(v, 0.5) ? 1 : 0)));
        }
        dispose([x, y, s]);
      }
    });

    it('unary float ops match Math within float32 rounding over thousands of values and special inputs', async () => {
      // Subnormal inputs and -0 stay out: GPUs flush subnormals to zero and may drop the sign of zero
      // (rsqrt(-0) is -Infinity in IEEE arithmetic); the elementwise suite covers the other special values.
      const special = [0, Infinity, -Infinity, NaN, 1e-30, -1e-30, 3.4e38, -3.4e38];
      const cases: [string, (t: Tensor) => Tensor, (x: number) => number, number, number][] = [
        ['exp', exp, Math.exp, -103, 88.7], ['log', log, Math.log, 1e-38, 1e30], ['tanh', tanh, Math.tanh, -12, 12],
        ['sigmoid', sigmoid, (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))), -90, 90],
        ['sqrt', sqrt, Math.sqrt, 0, 1e6], ['rsqrt', rsqrt, (x) => 1 / Math.sqrt(x), 1e-6, 1e6],
        ['abs', abs, Math.abs, -10, 10], ['neg', neg, (x) => -x, -10, 10], ['square', square, (x) => x * x, -1e3, 1e3],
        ['relu', relu, (x) => (x < 0 ? 0 : x), -2, 2], ['relu6', relu6, (x) => (x < 0 ? 0 : x > 6 ? 6 : x), -3, 9],
        ['sign', sign, (x) => (Number.isNaN(x) ? NaN : x > 0 ? 1 : x < 0 ? -1 : x), -2, 2],
      ];
      for (const [name, op, ref, lo, hi] of cases) {
        const xs = [...spread(2003, lo, hi, name.length), ...special].map(f32);
        // log's range is spread in the exponent, so that tiny and huge inputs are both there
        if (name === 'log') for (let i = 0; i < 2003; i++) xs[i] = f32(2 ** (-125 + (i * 250) / 2003));
        const want = xs.map((x) => {
          const r = ref(x);
          return Number.isFinite(r) || Number.isNaN(r) ? f32(r) : r;
        });
        await expectClose(op(tensor(xs)), want, { rtol: Math.max(env.rtol, 4e-7), atol: env.atol }, name);
      }
    });

    it('casts every pair of dtypes over long inputs, float32 to int32 truncating and wrapping as ToInt32 does', async () => {
      const n = 1003;
      const floats = [...spread(n - 8, -1e4, 1e4, 9), 3e9, -3e9, 2 ** 31, -(2 ** 31), 1e20, NaN, Infinity, -Infinity].map(f32);
      const ints = Array.from({ length: n }, (_, i) => (i % 2 ? -1 : 1) * ((i * 2654435761) % 2 ** 31));
      const bools = Array.from({ length: n }, (_, i) => ((i * 7) % 3 === 0 ? 1 : 0));
      const toInt32 = (v: number) => (Number.isFinite(v) ? Math.trunc(v) | 0 : 0);
      expect(await values(cast(tensor(floats), 'int32')), 'float32 -> int32').toEqual(floats.map(toInt32));
      expect(await values(cast(tensor(floats), 'bool')), 'float32 -> bool').toEqual(floats.map((v) => (v !== 0 ? 1 : 0)));
      expect(await values(cast(tensor(ints, [n], 'int32'), 'float32')), 'int32 -> float32').toEqual(ints.map(f32));
      expect(await values(cast(tensor(ints, [n], 'int32'), 'bool')), 'int32 -> bool').toEqual(ints.map((v) => (v !== 0 ? 1 : 0)));
      expect(await values(cast(tensor(bools, [n], 'bool'), 'float32')), 'bool -> float32').toEqual(bools);
      expect(await values(cast(tensor(bools, [n], 'bool'), 'int32')), 'bool -> int32').toEqual(bools);
      const picked = where(greater(tensor(floats), 0), tensor(ints, [n], 'int32').cast('float32'), tensor(floats));
      expect(await values(picked), 'where').toEqual(floats.map((v, i) => (v > 0 ? f32(ints[i]) : v)));
    });

    it('reductions match a float64 reference on long rows, wide column blocks and whole tensors of 300,000 elements', async () => {
      const cases: [number[], number[]][] = [[[3, 1001], [1]], [[50, 600], [0]], [[300_000], [0]], [[2, 70_000, 2], [0, 1, 2]], [[4, 700, 3], [1]]];
      for (const [shape, axes] of cases) {
        const n = shape.reduce((p, d) => p * d, 1);
        const xs = spread(n, -1, 1, n % 97);
        const st = strides(shape);
        const outShape = shape.filter((_, i) => !axes.includes(i));
        const outN = outShape.reduce((p, d) => p * d, 1);
        const sums = new Float64Array(outN);
        const maxes = new Float64Array(outN).fill(-Infinity);
        const mins = new Float64Array(outN).fill(Infinity);
        for (let i = 0; i < n; i++) {
          let o = 0;
          shape.forEach((d, ax) => {
            if (!axes.includes(ax)) o = o * d + (Math.floor(i / st[ax]) % d);
          });
          sums[o] += xs[i];
          maxes[o] = Math.max(maxes[o], xs[i]);
          mins[o] = Math.min(mins[o], xs[i]);
        }
        const x = tensor(xs, shape);
        await expectClose(sum(x, { axis: axes }), Array.from(sums, f32), { rtol: env.rtol, atol: Math.max(env.atol, 1e-5) }, `sum [${shape}] over [${axes}]`);
        expect(await values(max(x, { axis: axes })), `max [${shape}]`).toEqual(Array.from(maxes));
        expect(await values(min(x, { axis: axes })), `min [${shape}]`).toEqual(Array.from(mins));
        const xi = tensor(xs.map((v) => Math.round(v * 1000)), shape, 'int32');
        const intSums = new Float64Array(outN);
        xs.forEach((v, i) => {
          let o = 0;
          shape.forEach((d, ax) => {
            if (!axes.includes(ax)) o = o * d + (Math.floor(i / st[ax]) % d);
          });
          intSums[o] += Math.round(v * 1000);
        });
        expect(await values(sum(xi, { axis: axes })), `int32 sum [${shape}]`).toEqual(Array.from(intSums));
        dispose([x, xi]);
      }
    });

    it('copies long strided patterns exactly: transpose, slice, stridedSlice, tile, broadcastTo and gather', async () => {
      const shape = [5, 33, 65];
      const n = shape.reduce((p, d) => p * d, 1);
      const xs = spread(n, -9, 9, 11);
      const x = tensor(xs, shape);
      const st = strides(shape);
      const at = (i: number, j: number, k: number) => xs[i * st[0] + j * st[1] + k];
      const perm = [2, 0, 1];
      const transposed: number[] = [];
      for (let k = 0; k < 65; k++) for (let i = 0; i < 5; i++) for (let j = 0; j < 33; j++) transposed.push(at(i, j, k));
      expect(await values(transpose(x, { perm })), 'transpose').toEqual(transposed);
      const sliced: number[] = [];
      for (let i = 1; i < 4; i++) for (let j = 2; j < 31; j++) for (let k = 3; k < 60; k++) sliced.push(at(i, j, k));
      expect(await values(slice(x, [1, 2, 3], [3, 29, 57])), 'slice').toEqual(sliced);
      const strided: number[] = [];
      for (let i = 4; i >= 0; i -= 2) for (let j = 0; j < 33; j += 3) for (let k = 64; k >= 0; k -= 1) strided.push(at(i, j, k));
      expect(await values(stridedSlice(x, [4, 0, 64], [0, 0, 0], [-2, 3, -1], { endMask: 0b111 })), 'stridedSlice').toEqual(strided);
      const row = tensor(xs.slice(0, 129), [1, 129]);
      const tiled: number[] = [];
      for (let r = 0; r < 3; r++) for (let k = 0; k < 2 * 129; k++) tiled.push(xs[k % 129]);
      expect(await values(tile(row, [3, 2])), 'tile').toEqual(tiled);
      expect(await values(broadcastTo(row, [37, 129])), 'broadcastTo').toEqual(Array.from({ length: 37 * 129 }, (_, i) => xs[i % 129]));
      const indices = Array.from({ length: 300 }, (_, i) => (i * 13) % 33);
      const gathered: number[] = [];
      for (let i = 0; i < 5; i++) for (const j of indices) for (let k = 0; k < 65; k++) gathered.push(at(i, j, k));
      expect(await values(gather(x, tensor(indices, [300], 'int32'), { axis: 1 })), 'gather').toEqual(gathered);
      const flags = tensor(xs.slice(0, 2000).map((v) => v > 0), [2000]);
      expect(await values(gather(flags, tensor([1999, 0, 5, 5], [4], 'int32'))), 'gather bool').toEqual([1999, 0, 5, 5].map((i) => (xs[i] > 0 ? 1 : 0)));
      dispose([x, row, flags]);
    });
  });
}
