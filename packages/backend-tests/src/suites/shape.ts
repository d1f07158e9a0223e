import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  broadcastTo, concat, dispose, expandDims, gather, grad, memory, oneHot, pad, reshape, slice, split, squeeze, stack,
  stridedSlice, tensor, tile, transpose, unsortedSegmentSum,
} from '@neurite/tensor';
import { PROPERTY_RUNS, arbShape, checkGradients, expectClose, type BackendUnderTest } from '../harness.js';
import { sizeOf, unravel, ravel } from '../reference.js';

// ---- plain-JS references over nested index math ------------------------------------------------------

/** out[c] = values[source(c)] for every coordinate c of outShape (source returns -1 for "fill"). */
function build(outShape: number[], source: (coords: number[]) => number, values: number[], fillValue = 0): number[] {
  return Array.from({ length: sizeOf(outShape) }, (_, i) => {
    const s = source(unravel(i, outShape));
    return s < 0 ? fillValue : values[s];
  });
}

function refTranspose(values: number[], shape: number[], perm: number[]): number[] {
  const outShape = perm.map((p) => shape[p]);
  return build(outShape, (c) => {
    const inCoords = new Array<number>(shape.length);
    perm.forEach((p, i) => (inCoords[p] = c[i]));
    return ravel(inCoords, shape);
  }, values);
}

/** The index lists each axis of a strided slice visits, Python style. */
function stridedIndices(d: number, begin: number, end: number, stride: number, bMask: boolean, eMask: boolean): number[] {
  const b = bMask ? (stride > 0 ? 0 : d - 1) : begin < 0 ? begin + d : begin;
  const e = eMask ? (stride > 0 ? d : -1) : end < 0 ? end + d : end;
  const out: number[] = [];
  for (let i = b; stride > 0 ? i < e : i > e; i += stride) out.push(i);
  return out;
}

const ints = (n: number, min: number, max: number) => fc.array(fc.integer({ min, max }), { minLength: n, maxLength: n });
const arbData = (minRank = 0, maxRank = 4, maxDim = 4) =>
  arbShape(minRank, maxRank, maxDim).chain((shape) => fc.record({ shape: fc.constant(shape), values: ints(sizeOf(shape), -50, 50) }));

/** Conformance tests of the 'shape' family, run once per backend. */
export function shapeSuite(env: BackendUnderTest): void {
  describe(`shape (${env.name})`, () => {
    const m = [[1, 2, 3], [4, 5, 6]];

    it('reshapes while preserving values, and infers one -1', async () => {
      await fc.assert(
        fc.asyncProperty(arbData(0, 4), fc.nat(10), async ({ shape, values }, k) => {
          const x = tensor(Float32Array.from(values), shape);
          const flat = reshape(x, [-1]);
          expect(flat.shape).toEqual([values.length]);
          const other = shape.length > 1 ? [shape[0] * shape[1], ...shape.slice(2)] : [...shape, 1];
          const y = reshape(x, other);
          expect(y.shape).toEqual(other);
          await expectClose(y, values, env);
          await expectClose(flat, values, env);
          if (k % 2 === 0 && values.length > 0) expect(reshape(x, [values.length, -1]).shape).toEqual([values.length, 1]);
          dispose([x, flat, y]);
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('transposes: axes reversed by default, or by perm, for every dtype', async () => {
      const t = transpose(m);
      expect(t.shape).toEqual([3, 2]);
      await expectClose(t, [1, 4, 2, 5, 3, 6], env);
      const x = tensor(Int32Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]);
      const p = transpose(x, { perm: [1, 2, 0] });
      expect(p.dtype).toBe('int32');
      expect(p.shape).toEqual([3, 4, 2]);
      expect(Array.from(await p.data())).toEqual(refTranspose(Array.from({ length: 24 }, (_, i) => i), [2, 3, 4], [1, 2, 0]));
      const b = transpose(tensor([[true, false], [false, false]]));
      expect(await b.array()).toEqual([[true, false], [false, false]].map((_, i, a) => a.map((r) => r[i])));
      expect(b.dtype).toBe('bool');
      const s = tensor(7);
      expect(await transpose(s).array()).toBe(7);
      expect(() => transpose(m, { perm: [0, 0] })).toThrow(
        /transpose: perm must be a permutation of \[0, \.\.\., 1\] for a tensor of rank 2\. Received: perm=\[0,0\]/,
      );
      expect(() => transpose(m, { perm: [1, 0, 2] })).toThrow(/transpose: perm must be a permutation/);
    });

    it('transposes like the plain-JS reference over random shapes and permutations', async () => {
      const arb = arbData(0, 5, 4).chain((d) =>
        fc.record({ d: fc.constant(d), perm: fc.shuffledSubarray(d.shape.map((_, i) => i), { minLength: d.shape.length }) }),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ({ d: { shape, values }, perm }) => {
          const x = tensor(Float32Array.from(values), shape);
          const y = transpose(x, { perm });
          expect(y.shape).toEqual(perm.map((p) => shape[p]));
          await expectClose(y, refTranspose(values, shape, perm), env);
          // transposing back with the inverse permutation is the identity
          const inverse = new Array<number>(perm.length);
          perm.forEach((p, i) => (inverse[p] = i));
          const back = transpose(y, { perm: inverse });
          expect(back.shape).toEqual(shape);
          await expectClose(back, values, env);
          dispose([x, y, back]);
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('transposes large matrices and channel layouts (tiled paths)', async () => {
      const shape = [2, 37, 45, 3];
      const values = Array.from({ length: sizeOf(shape) }, (_, i) => i % 1000);
      const x = tensor(Float32Array.from(values), shape);
      for (const perm of [[0, 3, 1, 2], [0, 2, 1, 3], [3, 2, 1, 0], [1, 0, 2, 3]]) {
        await expectClose(transpose(x, { perm }), refTranspose(values, shape, perm), env, `perm ${perm}`);
      }
      x.dispose();
      for (const [shape2, perm] of [[[70, 45], [1, 0]], [[2, 40, 50], [0, 2, 1]]] as const) {
        const vs = Array.from({ length: sizeOf(shape2) }, (_, i) => i);
        const y = transpose(tensor(Float32Array.from(vs), [...shape2]), { perm: [...perm] });
        await expectClose(y, refTranspose(vs, [...shape2], [...perm]), env, `shape ${shape2}`);
      }
    });

    it('concatenates along any axis and keeps the dtype', async () => {
      await expectClose(concat([m, [[7, 8, 9]]]), [1, 2, 3, 4, 5, 6, 7, 8, 9], env);
      const c1 = concat([m, [[0], [0]]], { axis: 1 });
      expect(c1.shape).toEqual([2, 4]);
      await expectClose(c1, [1, 2, 3, 0, 4, 5, 6, 0], env);
      await expectClose(concat([[1], [2, 3], [4]], { axis: -1 }), [1, 2, 3, 4], env);
      const i = concat([tensor([1], undefined, 'int32'), tensor([2], undefined, 'int32')]);
      expect(i.dtype).toBe('int32');
      const b = concat([tensor([true]), tensor([false, true])]);
      expect(await b.array()).toEqual([true, false, true]);
      const e = concat([tensor(new Float32Array(0), [0, 3]), m]);
      expect(e.shape).toEqual([2, 3]);
      await expectClose(e, [1, 2, 3, 4, 5, 6], env);
    });

    it('concat then split round-trips over random shapes, axes and sizes', async () => {
      const arb = arbShape(1, 4, 4).chain((shape) =>
        fc.record({
          shape: fc.constant(shape),
          axis: fc.integer({ min: 0, max: shape.length - 1 }),
          sizes: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }),
          seed: fc.nat(100),
        }),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ({ shape, axis, sizes, seed }) => {
          const parts = sizes.map((n, k) => {
            const s = shape.map((d, i) => (i === axis ? n : d));
            return tensor(Float32Array.from({ length: sizeOf(s) }, (_, i) => seed + 100 * k + i), s);
          });
          const joined = concat(parts, { axis });
          const total = sizes.reduce((a, b) => a + b, 0);
          expect(joined.shape).toEqual(shape.map((d, i) => (i === axis ? total : d)));
          // reference: along the axis, part k's slices come after the earlier parts' slices
          const ref = build(joined.shape as number[], () => -1, []);
          let offset = 0;
          parts.forEach((p, k) => {
            const pv = Array.from({ length: p.size }, (_, i) => seed + 100 * k + i);
            pv.forEach((v, i) => {
              const c = unravel(i, p.shape);
              c[axis] += offset;
              ref[ravel(c, joined.shape)] = v;
            });
            offset += sizes[k];
          });
          await expectClose(joined, ref, env);
          const back = split(joined, sizes, { axis: axis - shape.length });
          expect(back.length).toBe(parts.length);
          for (let k = 0; k < parts.length; k++) {
            expect(back[k].shape).toEqual(parts[k].shape);
            await expectClose(back[k], Array.from(await parts[k].data()), env);
          }
          dispose([...parts, joined, ...back]);
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('rejects concat inputs whose shapes or dtypes differ, showing the shapes', () => {
      expect(() => concat([m, [[1, 2]]])).toThrow(
        /concat: tensors\[1\] has shape \[1,2\], which does not match tensors\[0\] of shape \[2,3\] on every axis but axis 0/,
      );
      expect(() => concat([m, [1, 2, 3]], { axis: 1 })).toThrow(/tensors\[1\] has shape \[3\].*\[2,3\]/);
      expect(() => concat([[1], tensor([1], undefined, 'int32')])).toThrow(
        /concat: tensors\[1\]\.dtype must be 'float32' \(the dtype of tensors\[0\]\)\. Received: tensors\[1\]\.dtype='int32'/,
      );
      expect(() => concat([])).toThrow(/concat: tensors must be a non-empty array/);
      expect(() => concat([m], { axis: 2 })).toThrow(/concat: axis must be an integer in \[-2, 1\] for a tensor of rank 2/);
      expect(() => concat([tensor(1), tensor(2)])).toThrow(/concat: tensors\[0\] must be a tensor of rank at least 1/);
    });

    it('stacks along a new axis', async () => {
      const s0 = stack([[1, 2], [3, 4], [5, 6]]);
      expect(s0.shape).toEqual([3, 2]);
      await expectClose(s0, [1, 2, 3, 4, 5, 6], env);
      const s1 = stack([[1, 2], [3, 4], [5, 6]], { axis: 1 });
      expect(s1.shape).toEqual([2, 3]);
      await expectClose(s1, [1, 3, 5, 2, 4, 6], env);
      expect(stack([[1, 2], [3, 4]], { axis: -1 }).shape).toEqual([2, 2]);
      expect(stack([tensor(1), tensor(2)]).shape).toEqual([2]);
      expect(() => stack([[1, 2], [3]])).toThrow(/stack: tensors\[1\] has shape \[1\], but tensors\[0\] has shape \[2\]/);
      expect(() => stack([[1, 2]], { axis: 2 })).toThrow(/stack: axis must be an integer in \[-2, 1\] for a tensor of rank 1/);
    });

    it('splits into equal parts or given sizes (one -1 allowed)', async () => {
      const x = tensor([[1, 2, 3, 4], [5, 6, 7, 8]]);
      const halves = split(x, 2, { axis: 1 });
      expect(halves.map((h) => h.shape)).toEqual([[2, 2], [2, 2]]);
      await expectClose(halves[1], [3, 4, 7, 8], env);
      const parts = split(x, [1, -1, 1], { axis: -1 });
      expect(parts.map((p) => p.shape)).toEqual([[2, 1], [2, 2], [2, 1]]);
      await expectClose(parts[1], [2, 3, 6, 7], env);
      expect(() => split(x, 3, { axis: 1 })).toThrow(/split: numOrSizeSplits must be a positive integer that divides 4 \(the size of axis 1\)\. Received: numOrSizeSplits=3/);
      expect(() => split(x, [1, 1], { axis: 1 })).toThrow(/sizes that add up to 4 .*Received: numOrSizeSplits=\[1,1\]/);
      expect(() => split(x, [-1, -1])).toThrow(/at most one -1/);
    });

    it('slices blocks with explicit sizes or -1 to the end', async () => {
      const x = tensor(Float32Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]);
      const s = slice(x, [1, 0, 1], [1, 2, -1]);
      expect(s.shape).toEqual([1, 2, 3]);
      await expectClose(s, [13, 14, 15, 17, 18, 19], env);
      await expectClose(slice([1, 2, 3, 4], 1, 2), [2, 3], env);
      await expectClose(slice(x, [1, 2, 0]), [20, 21, 22, 23], env);
      const b = slice(tensor([true, false, true]), [1], [2]);
      expect(await b.array()).toEqual([false, true]);
      expect(() => slice(x, [0, 0], [1, 1])).toThrow(/slice: begin must be an array of 3 integers/);
      expect(() => slice(x, [0, 2, 0], [1, 2, 1])).toThrow(/slice: size must be such that begin \+ size fits x's shape \[2,3,4\] \(axis 1: 2 \+ 2 > 3\)/);
      expect(() => slice(x, [0, 0, 5])).toThrow(/slice: begin must be .*Received: begin=\[0,0,5\]/);
    });

    it('slices like the plain-JS reference over random shapes', async () => {
      const arb = arbData(1, 4, 5).chain((d) =>
        fc.record({
          d: fc.constant(d),
          cuts: fc.tuple(...d.shape.map((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.integer({ min: 0, max: n })))),
        }),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ({ d: { shape, values }, cuts }) => {
          const begin = cuts.map(([a, b]) => Math.min(a, b));
          const size = cuts.map(([a, b]) => Math.abs(a - b));
          const x = tensor(Float32Array.from(values), shape);
          const y = slice(x, begin, size);
          expect(y.shape).toEqual(size);
          await expectClose(y, build(size, (c) => ravel(c.map((v, i) => v + begin[i]), shape), values), env);
          dispose([x, y]);
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('strided-slices with steps, negative strides and TF masks', async () => {
      const x = tensor(Float32Array.from({ length: 12 }, (_, i) => i), [3, 4]);
      await expectClose(stridedSlice(x, [0, 0], [3, 4], [2, 3]), [0, 3, 8, 11], env);
      // reverse both axes with masks
      await expectClose(stridedSlice(x, [0, 0], [0, 0], [-1, -1], { beginMask: 3, endMask: 3 }), [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0], env);
      // row 1, columns 3 down to 1 (end exclusive), axis 0 shrunk
      const r = stridedSlice(x, [1, -1], [2, 0], [1, -1], { shrinkAxisMask: 1 });
      expect(r.shape).toEqual([3]);
      await expectClose(r, [7, 6, 5], env);
      // shorter begin/end: remaining axes whole
      await expectClose(stridedSlice(x, [1], [3]), [4, 5, 6, 7, 8, 9, 10, 11], env);
      expect(stridedSlice(x, [2, 0], [1, 4]).shape).toEqual([0, 4]);
      const i = stridedSlice(tensor([1, 2, 3], undefined, 'int32'), [0], [3], [2]);
      expect(i.dtype).toBe('int32');
      expect(Array.from(await i.data())).toEqual([1, 3]);
      expect(() => stridedSlice(x, [0, 0], [3, 4], [1, 0])).toThrow(/stridedSlice: strides must be an array of 2 non-zero integers/);
      expect(() => stridedSlice(x, [0, 9], [3, 4])).toThrow(/stridedSlice: begin\[1\] must be an index in \[-4, 4\] for axis 1 of size 4 with stride 1\. Received: begin\[1\]=9/);
      expect(() => stridedSlice(x, [5], [0], [1], { shrinkAxisMask: 1 })).toThrow(/begin\[0\] must be an index in \[-3, 2\]/);
      expect(() => stridedSlice(x, [0], [1], [1], { ellipsisMask: 1 } as never)).toThrow(
        /stridedSlice: unknown option 'ellipsisMask'; the options are 'beginMask', 'endMask', 'shrinkAxisMask'\. Received: ellipsisMask=1/,
      );
    });

    it('strided-slices like the plain-JS reference over random shapes and parameters', async () => {
      const arb = arbData(1, 4, 4).chain((d) =>
        fc.record({
          d: fc.constant(d),
          axes: fc.tuple(
            ...d.shape.map((n) =>
              fc.record({
                stride: fc.constantFrom(-3, -2, -1, 1, 2, 3),
                b: fc.integer({ min: -n, max: n }),
                e: fc.integer({ min: -n, max: n }),
                bMask: fc.boolean(),
                eMask: fc.boolean(),
                shrink: fc.boolean(),
              }),
            ),
          ),
        }),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ({ d: { shape, values }, axes }) => {
          // a negative stride accepts indices up to n - 1; shrinking needs an index inside the axis
          const params = axes.map((a, i) => {
            const n = shape[i];
            const fix = (v: number) => (a.stride < 0 && v === n ? n - 1 : v);
            return { ...a, b: fix(a.b), e: fix(a.e), shrink: a.shrink && n > 0 && a.b < n };
          });
          const mask = (f: (p: (typeof params)[number]) => boolean) => params.reduce((m, p, i) => (f(p) ? m | (1 << i) : m), 0);
          const x = tensor(Float32Array.from(values), shape);
          const y = stridedSlice(x, params.map((p) => p.b), params.map((p) => p.e), params.map((p) => p.stride), {
            beginMask: mask((p) => p.bMask), endMask: mask((p) => p.eMask), shrinkAxisMask: mask((p) => p.shrink),
          });
          const lists = params.map((p, i) =>
            p.shrink ? [p.b < 0 ? p.b + shape[i] : p.b] : stridedIndices(shape[i], p.b, p.e, p.stride, p.bMask, p.eMask),
          );
          const fullShape = lists.map((l) => l.length);
          expect(y.shape).toEqual(fullShape.filter((_, i) => !params[i].shrink));
          await expectClose(y, build(fullShape, (c) => ravel(c.map((k, i) => lists[i][k]), shape), values), env);
          dispose([x, y]);
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('gathers along an axis with int32 indices of any shape', async () => {
      const x = tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
      await expectClose(gather(x, [2, 0]), [7, 8, 9, 1, 2, 3], env);
      const g1 = gather(x, [[0, 0], [2, 1]], { axis: 1 });
      expect(g1.shape).toEqual([3, 2, 2]);
      await expectClose(g1, [1, 1, 3, 2, 4, 4, 6, 5, 7, 7, 9, 8], env);
      await expectClose(gather(x, tensor([1], undefined, 'int32'), { axis: -1 }), [2, 5, 8], env);
      const gi = gather(tensor([10, 20, 30], undefined, 'int32'), [2, 2, 1]);
      expect(gi.dtype).toBe('int32');
      expect(Array.from(await gi.data())).toEqual([30, 30, 20]);
      expect(await gather(tensor([true, false]), [1, 0]).array()).toEqual([false, true]);
      expect(gather(x, tensor(new Int32Array(0), [0])).shape).toEqual([0, 3]);
    });

    it('rejects gather indices out of range, naming the index', () => {
      const x = tensor([[1, 2, 3], [4, 5, 6]]);
      expect(() => gather(x, [0, 1, 2])).toThrow(/gather: indices\[2\] = 2 is out of range \[0, 2\) for axis 0/);
      expect(() => gather(x, [-1], { axis: 1 })).toThrow(/gather: indices\[0\] = -1 is out of range \[0, 3\) for axis 1/);
      expect(() => gather(x, [0.5])).toThrow(/gather: indices must be integers/);
      expect(() => gather(x, tensor([0]))).toThrow(/gather: indices\.dtype must be 'int32'\. Received: indices\.dtype='float32'/);
      expect(() => gather(x, [0], { axis: 2 })).toThrow(/gather: axis must be an integer in \[-2, 1\] for a tensor of rank 2/);
    });

    it('adds rows into segments with unsortedSegmentSum', async () => {
      const s = unsortedSegmentSum([[1, 2], [3, 4], [5, 6]], [2, 0, 2], 3);
      expect(s.shape).toEqual([3, 2]);
      await expectClose(s, [3, 4, 0, 0, 6, 8], env);
      expect(() => unsortedSegmentSum([1, 2], [0, 3], 3)).toThrow(/segmentIds\[1\] = 3 is out of range \[0, 3\)/);
    });

    it('pads with a constant, for every dtype', async () => {
      const p = pad([[1, 2], [3, 4]], [[1, 0], [0, 2]]);
      expect(p.shape).toEqual([3, 4]);
      await expectClose(p, [0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0], env);
      await expectClose(pad([1], [[2, 1]], { constantValue: -1 }), [-1, -1, 1, -1], env);
      const i = pad(tensor([5], undefined, 'int32'), [[1, 1]], { constantValue: 7 });
      expect(i.dtype).toBe('int32');
      expect(Array.from(await i.data())).toEqual([7, 5, 7]);
      expect(await pad(tensor([false]), [[0, 1]], { constantValue: 1 }).array()).toEqual([false, true]);
      expect(() => pad([1, 2], [[1, -1]])).toThrow(/pad: paddings must be an array of 1 \[before, after\] pairs of non-negative integers/);
      expect(() => pad([1, 2], [[1, 1], [0, 0]])).toThrow(/Received: paddings=\[\[1,1\],\[0,0\]\]/);
    });

    it('pads like the plain-JS reference over random shapes', async () => {
      const arb = arbData(0, 4, 3).chain((d) =>
        fc.record({ d: fc.constant(d), paddings: fc.tuple(...d.shape.map(() => fc.tuple(fc.nat(2), fc.nat(2)))) }),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ({ d: { shape, values }, paddings }) => {
          const outShape = shape.map((n, i) => n + paddings[i][0] + paddings[i][1]);
          const y = pad(values.length ? tensor(Float32Array.from(values), shape) : tensor(new Float32Array(0), shape), paddings as [number, number][], { constantValue: 0.5 });
          expect(y.shape).toEqual(outShape);
          const ref = build(outShape, (c) => {
            const inner = c.map((v, i) => v - paddings[i][0]);
            return inner.every((v, i) => v >= 0 && v < shape[i]) ? ravel(inner, shape) : -1;
          }, values, 0.5);
          await expectClose(y, ref, env);
          y.dispose();
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('expands and squeezes size-1 axes', async () => {
      const x = tensor([1, 2, 3]);
      expect(expandDims(x).shape).toEqual([1, 3]);
      expect(expandDims(x, { axis: 1 }).shape).toEqual([3, 1]);
      expect(expandDims(x, { axis: -1 }).shape).toEqual([3, 1]);
      expect(expandDims(tensor(4)).shape).toEqual([1]);
      const y = tensor(Float32Array.from([1, 2, 3]), [1, 3, 1, 1]);
      expect(squeeze(y).shape).toEqual([3]);
      expect(squeeze(y, { axis: [0, -1] }).shape).toEqual([3, 1]);
      await expectClose(squeeze(y, { axis: 2 }), [1, 2, 3], env);
      expect(() => squeeze(y, { axis: 1 })).toThrow(
        /squeeze: axis must be axes of size 1 \(x has shape \[1,3,1,1\], axis 1 has size 3\)\. Received: axis=1/,
      );
      expect(() => expandDims(x, { axis: 3 })).toThrow(/expandDims: axis must be an integer in \[-2, 1\] for a tensor of rank 1/);
    });

    it('tiles like the plain-JS reference over random shapes and reps', async () => {
      const arb = arbData(0, 4, 3).chain((d) => fc.record({ d: fc.constant(d), reps: ints(d.shape.length, 0, 3) }));
      await fc.assert(
        fc.asyncProperty(arb, async ({ d: { shape, values }, reps }) => {
          const x = tensor(Float32Array.from(values), shape);
          const y = tile(x, reps);
          const outShape = shape.map((n, i) => n * reps[i]);
          expect(y.shape).toEqual(outShape);
          await expectClose(y, build(outShape, (c) => ravel(c.map((v, i) => v % shape[i]), shape), values), env);
          dispose([x, y]);
        }),
        { numRuns: PROPERTY_RUNS },
      );
      expect(await tile(tensor([true, false]), [2]).array()).toEqual([true, false, true, false]);
      expect(() => tile([1, 2], [2, 2])).toThrow(/tile: reps must be an array of 1 non-negative integers \(x has shape \[2\]\)/);
    });

    it('broadcasts like the plain-JS reference over random shapes', async () => {
      const arb = arbShape(0, 4, 3).chain((outShape) =>
        fc.record({
          outShape: fc.constant(outShape),
          drop: fc.nat(outShape.length),
          ones: fc.array(fc.boolean(), { minLength: outShape.length, maxLength: outShape.length }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ({ outShape, drop, ones }) => {
          const shape = outShape.map((d, i) => (ones[i] ? 1 : d)).slice(drop);
          const values = Array.from({ length: sizeOf(shape) }, (_, i) => i + 1);
          const y = broadcastTo(tensor(Float32Array.from(values), shape), outShape);
          expect(y.shape).toEqual(outShape);
          const ref = build(outShape, (c) => ravel(c.slice(drop).map((v, i) => (shape[i] === 1 ? 0 : v)), shape), values);
          await expectClose(y, ref, env);
          y.dispose();
        }),
        { numRuns: PROPERTY_RUNS },
      );
      expect(() => broadcastTo([1, 2], [3])).toThrow(/broadcastTo: shapes \[2\] and \[3\] cannot be broadcast together/);
      expect(() => broadcastTo([[1, 2]], [2])).toThrow(/broadcastTo: x of shape \[1,2\] cannot be broadcast to shape \[2\]/);
    });

    it('one-hot encodes int32 indices to float32, all-off rows for out-of-range indices', async () => {
      const o = oneHot([1, 0, 3, -1], 3);
      expect(o.dtype).toBe('float32');
      expect(o.shape).toEqual([4, 3]);
      await expectClose(o, [0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0], env);
      const c = oneHot(tensor([[2], [0]], undefined, 'int32'), 2, { onValue: 5, offValue: -1 });
      expect(c.shape).toEqual([2, 1, 2]);
      await expectClose(c, [-1, -1, 5, -1], env);
      expect(() => oneHot([1], -1)).toThrow(/oneHot: depth must be a non-negative integer\. Received: depth=-1/);
      expect(() => oneHot(tensor([1.5]), 2)).toThrow(/oneHot: indices\.dtype must be 'int32'/);
    });

    it('provides Tensor methods, and clone shares the buffer yet is differentiable', async () => {
      const x = tensor([[1, 2], [3, 4]]);
      await expectClose(x.transpose(), [1, 3, 2, 4], env);
      expect(x.flatten().shape).toEqual([4]);
      expect(x.reshape([4, 1]).shape).toEqual([4, 1]);
      expect(x.expandDims({ axis: 1 }).shape).toEqual([2, 1, 2]);
      expect(x.expandDims().squeeze().shape).toEqual([2, 2]);
      await expectClose(x.slice([1, 0], [1, 2]), [3, 4], env);
      await expectClose(x.gather([1], { axis: 1 }), [2, 4], env);
      await expectClose(x.pad([[0, 0], [1, 0]]), [0, 1, 2, 0, 3, 4], env);
      await expectClose(x.tile([1, 2]), [1, 2, 1, 2, 3, 4, 3, 4], env);
      await expectClose(tensor([1, 2]).broadcastTo([2, 2]), [1, 2, 1, 2], env);
      const before = memory();
      const c = x.clone();
      const after = memory();
      expect(after.numTensors).toBe(before.numTensors + 1);
      expect(after.numDataBuffers).toBe(before.numDataBuffers);
      expect(c).not.toBe(x);
      await expectClose(c, [1, 2, 3, 4], env);
      c.dispose();
      expect(x.isDisposed).toBe(false);
      await expectClose(grad((t) => t.clone().sum())(x), [1, 1, 1, 1], env);
    });

    // ---- finite-difference gradient checks over random shapes ----------------------------------------

    const floats = (n: number) =>
      fc.array(fc.integer({ min: -200, max: 200 }), { minLength: n, maxLength: n }).map((vs) => vs.map((v) => v / 64));
    const arbFloatData = (minRank: number, maxRank: number, maxDim: number) =>
      arbShape(minRank, maxRank, maxDim).chain((shape) => fc.record({ shape: fc.constant(shape), values: floats(sizeOf(shape)) }));
    const runs = { numRuns: Math.min(PROPERTY_RUNS, 15) };

    it('Transpose gradient matches finite differences', async () => {
      const arb = arbFloatData(0, 4, 3).chain((d) =>
        fc.record({ d: fc.constant(d), perm: fc.shuffledSubarray(d.shape.map((_, i) => i), { minLength: d.shape.length }) }),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ({ d: { shape, values }, perm }) => {
          await checkGradients((t) => transpose(t, { perm }), [values], [shape]);
        }),
        runs,
      );
    });

    it('Concat gradient matches finite differences', async () => {
      const arb = arbShape(1, 3, 3).chain((shape) =>
        fc.record({
          shape: fc.constant(shape),
          axis: fc.integer({ min: 0, max: shape.length - 1 }),
          sizes: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 3 }),
        }),
      ).chain((c) => {
        const shapes = c.sizes.map((n) => c.shape.map((d, i) => (i === c.axis ? n : d)));
        return fc.record({ c: fc.constant(c), shapes: fc.constant(shapes), values: fc.tuple(...shapes.map((s) => floats(sizeOf(s)))) });
      });
      await fc.assert(
        fc.asyncProperty(arb, async ({ c: { axis }, shapes, values }) => {
          await checkGradients((...ts) => concat(ts, { axis }), values, shapes);
        }),
        runs,
      );
    });

    it('Slice gradient matches finite differences', async () => {
      const arb = arbFloatData(1, 3, 4).chain((d) =>
        fc.record({
          d: fc.constant(d),
          cuts: fc.tuple(...d.shape.map((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.integer({ min: 0, max: n })))),
        }),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ({ d: { shape, values }, cuts }) => {
          const begin = cuts.map(([a, b]) => Math.min(a, b));
          const size = cuts.map(([a, b]) => Math.max(1, Math.abs(a - b))).map((s, i) => Math.min(s, shape[i] - begin[i]));
          if (size.some((s) => s === 0)) return;
          await checkGradients((t) => slice(t, begin, size), [values], [shape]);
        }),
        runs,
      );
    });

    it('StridedSlice gradient matches finite differences', async () => {
      const arb = arbFloatData(1, 3, 4).chain((d) =>
        fc.record({
          d: fc.constant(d),
          axes: fc.tuple(...d.shape.map(() => fc.record({ stride: fc.constantFrom(-2, -1, 1, 2), shrink: fc.boolean(), k: fc.nat(3) }))),
        }),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ({ d: { shape, values }, axes }) => {
          const begin = axes.map((a, i) => a.k % shape[i]);
          const options = {
            beginMask: 0,
            endMask: axes.reduce((m, _, i) => m | (1 << i), 0),
            shrinkAxisMask: axes.reduce((m, a, i) => (a.shrink ? m | (1 << i) : m), 0),
          };
          const strides = axes.map((a) => a.stride);
          await checkGradients((t) => stridedSlice(t, begin, begin.map(() => 0), strides, options), [values], [shape]);
        }),
        runs,
      );
    });

    it('Gather gradient matches finite differences, repeated indices included', async () => {
      const arb = arbFloatData(1, 3, 3).chain((d) =>
        fc.record({
          d: fc.constant(d),
          axis: fc.integer({ min: 0, max: d.shape.length - 1 }),
          picks: fc.array(fc.nat(10), { minLength: 1, maxLength: 4 }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ({ d: { shape, values }, axis, picks }) => {
          const indices = tensor(Int32Array.from(picks.map((p) => p % shape[axis])));
          await checkGradients((t) => gather(t, indices, { axis }), [values], [shape]);
          indices.dispose();
        }),
        runs,
      );
    });

    it('Pad gradient matches finite differences', async () => {
      const arb = arbFloatData(0, 3, 3).chain((d) =>
        fc.record({ d: fc.constant(d), paddings: fc.tuple(...d.shape.map(() => fc.tuple(fc.nat(2), fc.nat(2)))) }),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ({ d: { shape, values }, paddings }) => {
          await checkGradients((t) => pad(t, paddings as [number, number][], { constantValue: 1 }), [values], [shape]);
        }),
        runs,
      );
    });

    it('Tile gradient matches finite differences', async () => {
      const arb = arbFloatData(0, 3, 3).chain((d) => fc.record({ d: fc.constant(d), reps: ints(d.shape.length, 1, 3) }));
      await fc.assert(
        fc.asyncProperty(arb, async ({ d: { shape, values }, reps }) => {
          await checkGradients((t) => tile(t, reps), [values], [shape]);
        }),
        runs,
      );
    });

    it('BroadcastTo gradient matches finite differences', async () => {
      const arb = arbShape(0, 3, 3).chain((outShape) =>
        fc.record({
          outShape: fc.constant(outShape),
          drop: fc.nat(outShape.length),
          ones: fc.array(fc.boolean(), { minLength: outShape.length, maxLength: outShape.length }),
        }).chain((c) => {
          const shape = c.outShape.map((d, i) => (c.ones[i] ? 1 : d)).slice(c.drop);
          return fc.record({ outShape: fc.constant(c.outShape), shape: fc.constant(shape), values: floats(sizeOf(shape)) });
        }),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ({ outShape, shape, values }) => {
          await checkGradients((t) => broadcastTo(t, outShape), [values], [shape]);
        }),
        runs,
      );
    });

    it('reshape, expandDims, squeeze, stack and split are differentiable through their kernels', async () => {
      await checkGradients((t) => squeeze(expandDims(reshape(t, [3, 2]), { axis: 1 })), [[1, 2, 3, 4, 5, 6]], [[2, 3]]);
      await checkGradients((a, b) => stack([a, b], { axis: 1 }), [[1, 2, 3], [4, 5, 6]], [[3], [3]]);
      await checkGradients((t) => { const [p, q] = split(t, [1, 2], { axis: 1 }); return concat([q, p], { axis: 1 }); }, [[1, 2, 3, 4, 5, 6]], [[2, 3]]);
    });
  });
}
