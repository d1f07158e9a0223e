import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  add, argMax, argMin, dispose, grad, max, mean, memory, min, prod, sum, tensor, type Tensor,
} from '@neurite/tensor';
import { PROPERTY_RUNS, arbShape, checkGradients, expectClose, type BackendUnderTest } from '../harness.js';
import { sizeOf, unravel, ravel } from '../reference.js';

// ---- plain-JS references over nested index math ------------------------------------------------------

/** Groups the input values by their output position, then folds each group with `fold`. */
function refReduce(values: number[], shape: number[], axes: number[], fold: (group: number[]) => number): number[] {
  const outShape = shape.filter((_, i) => !axes.includes(i));
  const groups: number[][] = Array.from({ length: sizeOf(outShape) }, () => []);
  values.forEach((v, i) => {
    const coords = unravel(i, shape).filter((_, a) => !axes.includes(a));
    groups[ravel(coords, outShape)].push(v);
  });
  return groups.map(fold);
}

const FOLDS = {
  sum: (g: number[]) => g.reduce((a, b) => a + b, 0),
  prod: (g: number[]) => g.reduce((a, b) => a * b, 1),
  max: (g: number[]) => Math.max(...g),
  min: (g: number[]) => Math.min(...g),
  mean: (g: number[]) => g.reduce((a, b) => a + b, 0) / g.length,
};

/** Index of the first best element of each group along `axis`. */
function refArg(values: number[], shape: number[], axis: number, largest: boolean): number[] {
  return refReduce(values.map((_, i) => i), shape, [axis], (group) => {
    let best = 0;
    group.forEach((flatIndex, k) => {
      const v = values[flatIndex];
      const b = values[group[best]];
      if (largest ? v > b : v < b) best = k;
    });
    return best;
  });
}

/** A shape of rank >= 1 with values, and a random subset of its axes (maybe none; undefined = all). */
const arbReduceCase = arbShape(0, 4, 4).chain((shape) =>
  fc.record({
    shape: fc.constant(shape),
    values: fc.array(fc.integer({ min: -9, max: 9 }), { minLength: sizeOf(shape), maxLength: sizeOf(shape) }),
    axes: fc.option(fc.subarray(shape.map((_, i) => i)), { nil: undefined }),
    negative: fc.boolean(),
    keepDims: fc.boolean(),
  }),
);

/** Distinct values spread at least 0.3 apart (no ties, so max/min gradients are well defined). */
function distinctValues(size: number, seed: number): number[] {
  const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101) || a - b);
  return order.map((k) => Math.fround(-2 + k * 0.3 + (seed % 7) * 0.01));
}

/** Conformance tests of the 'reduction' family, run once per backend. */
export function reductionSuite(env: BackendUnderTest): void {
  describe(`reduction (${env.name})`, () => {
    const m = [[1, 2, 3], [4, 5, 6]];

    it('sums, averages, multiplies and finds extremes over chosen axes', async () => {
      await expectClose(sum(m), [21], env);
      await expectClose(sum(m, { axis: 0 }), [5, 7, 9], env);
      await expectClose(sum(m, { axis: -1 }), [6, 15], env);
      await expectClose(mean(m, { axis: 1 }), [2, 5], env);
      await expectClose(mean(m), [3.5], env);
      await expectClose(max(m, { axis: 0 }), [4, 5, 6], env);
      await expectClose(min(m, { axis: [1] }), [1, 4], env);
      await expectClose(prod(m, { axis: 1 }), [6, 120], env);
      await expectClose(prod(m, { axis: [0, 1] }), [720], env);
      expect(sum(m).shape).toEqual([]);
      expect(max(m, { axis: 0 }).shape).toEqual([3]);
    });

    it('keeps reduced axes as size 1 with keepDims', async () => {
      const s = sum(m, { axis: 1, keepDims: true });
      expect(s.shape).toEqual([2, 1]);
      await expectClose(s, [6, 15], env);
      expect(max(m, { keepDims: true }).shape).toEqual([1, 1]);
      expect(mean(m, { axis: -2, keepDims: true }).shape).toEqual([1, 3]);
      expect(prod(m, { axis: [], keepDims: true }).shape).toEqual([2, 3]);
      const x = tensor(new Float32Array(24).map((_, i) => i), [2, 3, 4]);
      expect(min(x, { axis: [0, 2], keepDims: true }).shape).toEqual([1, 3, 1]);
      await expectClose(min(x, { axis: [0, 2], keepDims: true }), [0, 4, 8], env);
    });

    it('matches plain-JS references over random shapes, axes (negative too) and keepDims', async () => {
      await fc.assert(
        fc.asyncProperty(arbReduceCase, async ({ shape, values, axes, negative, keepDims }) => {
          const x = tensor(Float32Array.from(values), shape);
          const axis = axes && negative ? axes.map((a) => a - shape.length) : axes;
          const reduced = axes ?? shape.map((_, i) => i);
          const outShape = shape.flatMap((d, i) => (reduced.includes(i) ? (keepDims ? [1] : []) : [d]));
          const ops = { sum, prod, max, min, mean } as const;
          for (const name of Object.keys(ops) as (keyof typeof ops)[]) {
            const hasEmpty = reduced.some((a) => shape[a] === 0);
            if (hasEmpty && (name === 'max' || name === 'min')) continue;
            const y = ops[name](x, { axis, keepDims });
            expect(y.shape, name).toEqual(outShape);
            await expectClose(y, refReduce(values, shape, reduced, FOLDS[name]), { rtol: 1e-5, atol: 1e-4 }, name);
            y.dispose();
          }
          x.dispose();
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('sum over all axes equals sum over the axes one at a time', async () => {
      await fc.assert(
        fc.asyncProperty(arbReduceCase, async ({ shape, values }) => {
          const x = tensor(Float32Array.from(values), shape);
          const all = sum(x);
          let stepwise: Tensor = x;
          for (let a = shape.length - 1; a >= 0; a--) stepwise = sum(stepwise, { axis: a });
          expect(stepwise.shape).toEqual([]);
          await expectClose(stepwise, Array.from(await all.data()), env);
          dispose([x, all, stepwise]);
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('keeps int32 for sum, prod, max and min; mean of int32 is float32', async () => {
      const i = tensor([[1, -2, 7], [4, 5, -6]], undefined, 'int32');
      const checks: [Tensor, string, number[]][] = [
        [sum(i, { axis: 0 }), 'int32', [5, 3, 1]],
        [prod(i, { axis: 1 }), 'int32', [-14, -120]],
        [max(i, { axis: 1 }), 'int32', [7, 5]],
        [min(i), 'int32', [-6]],
        [mean(i, { axis: 0 }), 'float32', [2.5, 1.5, 0.5]],
        [mean(i), 'float32', [1.5]],
      ];
      for (const [t, dtype, want] of checks) {
        expect(t.dtype).toBe(dtype);
        expect(Array.from(await t.data())).toEqual(want);
      }
    });

    it('reduces bool: sum and prod count as int32, max is "any", min is "all"', async () => {
      const b = tensor([[true, false, true], [true, true, true]]);
      const s = sum(b, { axis: 1 });
      expect(s.dtype).toBe('int32');
      expect(Array.from(await s.data())).toEqual([2, 3]);
      const p = prod(b, { axis: 1 });
      expect(p.dtype).toBe('int32');
      expect(Array.from(await p.data())).toEqual([0, 1]);
      const any = max(b, { axis: 0 });
      expect(any.dtype).toBe('bool');
      expect(await any.array()).toEqual([true, true, true]);
      expect(await min(b, { axis: 1 }).array()).toEqual([false, true]);
      const avg = mean(b);
      expect(avg.dtype).toBe('float32');
      await expectClose(avg, [5 / 6], env);
    });

    it('sums empty axes to 0, multiplies them to 1, and averages them to NaN', async () => {
      const e = tensor(new Float32Array(0), [2, 0]);
      await expectClose(sum(e, { axis: 1 }), [0, 0], env);
      await expectClose(prod(e, { axis: 1 }), [1, 1], env);
      await expectClose(mean(e, { axis: 1 }), [NaN, NaN], env);
      expect(sum(e, { axis: 0 }).shape).toEqual([0]);
      expect(max(e, { axis: 0 }).shape).toEqual([0]);
    });

    it('multiplies as if in float64: a running product past float32 range is not Infinity or 0', async () => {
      // partial products of 1e30 * 1e30 overflow float32; the whole product does not
      await expectClose(prod([1e30, 1e30, 1e-30, 1e-30]), [1], env);
      await expectClose(prod([1e-30, 1e-30, 1e30, 1e30]), [1], env);
      // Infinity times a later zero would be NaN; the CPU backend gives 0
      await expectClose(prod([[1e20, 1e20, 1e20, 0], [3e38, 3e38, 1e-37, 1e-37]], { axis: 1 }), [0, 900], env);
      // Infinity and NaN in the input keep their meaning
      await expectClose(prod([[Infinity, 0], [Infinity, 2], [NaN, 0]], { axis: 1 }), [NaN, Infinity, NaN], env);
      // a whole product out of float32 range still overflows, and underflows to 0
      await expectClose(prod([1e30, 1e30]), [Infinity], env);
      await expectClose(prod([-1e30, 1e30]), [-Infinity], env);
      await expectClose(prod([1e-30, 1e-30]), [0], env);
      // long enough to be folded in several passes: 1,000 twos, 1,000 halves, a three (2^1000 fits float64)
      const long = new Float32Array(2001).fill(2);
      long.fill(0.5, 1000, 2000);
      long[2000] = 3;
      await expectClose(prod(tensor(long)), [3], env);
      long[1500] = 0;
      await expectClose(prod(tensor(long)), [0], env);
    });

    it('propagates NaN through max and min', async () => {
      await expectClose(max([1, NaN, 3]), [NaN], env);
      await expectClose(min([[NaN, 2], [1, 2]], { axis: 1 }), [NaN, 1], env);
    });

    it('finds argMax and argMin as int32, first index on ties', async () => {
      const x = tensor([[1, 9, 9], [7, 0, 7]]);
      const a0 = argMax(x);
      expect(a0.dtype).toBe('int32');
      expect(a0.shape).toEqual([3]);
      expect(Array.from(await a0.data())).toEqual([1, 0, 0]);
      expect(Array.from(await argMax(x, { axis: 1 }).data())).toEqual([1, 0]);
      expect(Array.from(await argMax(x, { axis: -1 }).data())).toEqual([1, 0]);
      expect(Array.from(await argMin(x, { axis: 1 }).data())).toEqual([0, 1]);
      expect(Array.from(await argMin(tensor([3, 3, 3], undefined, 'int32')).data())).toEqual([0]);
      expect(Array.from(await argMax(tensor([false, true, true])).data())).toEqual([1]);
      expect(Array.from(await argMax([2, NaN, 5]).data())).toEqual([1]);
    });

    it('argMax and argMin match plain-JS references over random shapes and axes', async () => {
      const arb = arbShape(1, 4, 4).chain((shape) =>
        fc.record({
          shape: fc.constant(shape),
          values: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: sizeOf(shape), maxLength: sizeOf(shape) }),
          axis: fc.integer({ min: -shape.length, max: shape.length - 1 }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(arb, async ({ shape, values, axis }) => {
          const x = tensor(Int32Array.from(values), shape);
          const a = axis < 0 ? axis + shape.length : axis;
          const hi = argMax(x, { axis });
          const lo = argMin(x, { axis });
          expect(hi.shape).toEqual(shape.filter((_, i) => i !== a));
          expect(Array.from(await hi.data())).toEqual(refArg(values, shape, a, true));
          expect(Array.from(await lo.data())).toEqual(refArg(values, shape, a, false));
          dispose([x, hi, lo]);
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('is available as Tensor methods', async () => {
      const x = tensor(m);
      await expectClose(x.sum({ axis: 0 }), [5, 7, 9], env);
      await expectClose(x.mean(), [3.5], env);
      await expectClose(x.max({ axis: 1 }), [3, 6], env);
      await expectClose(x.min({ axis: 1 }), [1, 4], env);
      await expectClose(x.prod({ axis: 0 }), [4, 10, 18], env);
      expect(Array.from(await x.argMax({ axis: 1 }).data())).toEqual([2, 2]);
      expect(Array.from(await x.argMin().data())).toEqual([0, 0, 0]);
    });

    it('rejects bad axes and options with messages that name the op and the rank', () => {
      expect(() => sum(m, { axis: 2 })).toThrow(
        /sum: axis must be an integer in \[-2, 1\] for a tensor of rank 2\. Received: axis=2/,
      );
      expect(() => max(m, { axis: -3 })).toThrow(/max: axis must be .*rank 2\. Received: axis=-3/);
      expect(() => mean(m, { axis: 0.5 })).toThrow(/mean: axis must be .*Received: axis=0.5/);
      expect(() => prod(m, { axis: [0, 0] })).toThrow(/prod: axis must be a list of distinct axes\. Received: axis=\[0,0\]/);
      expect(() => min(m, { keepDims: 'yes' as never })).toThrow(/min: keepDims must be a boolean\. Received: keepDims='yes'/);
      expect(() => sum(m, 1 as never)).toThrow(/sum: options must be an object/);
      expect(() => max(tensor(new Float32Array(0), [2, 0]), { axis: 1 })).toThrow(
        /max: axis must be an axis of non-zero size \(x has shape \[2,0\]\)\. Received: axis=1/,
      );
      expect(() => argMax(m, { axis: 2 })).toThrow(/argMax: axis must be an integer in \[-2, 1\] for a tensor of rank 2/);
      expect(() => argMin(5)).toThrow(/argMin: x must be a tensor of rank at least 1/);
    });

    it('sends Max and Min gradients to the extreme values, split equally among ties', async () => {
      const x = tensor([[1, 3, 3], [5, 2, 0]]);
      await expectClose(grad((t) => max(t))(x), [0, 0, 0, 1, 0, 0], env);
      await expectClose(grad((t) => max(t, { axis: 1 }).sum())(x), [0, 0.5, 0.5, 1, 0, 0], env);
      await expectClose(grad((t) => min(t, { axis: 0 }).sum())(x), [1, 0, 0, 0, 1, 1], env);
      await expectClose(grad((t) => min(t))(tensor([2, 2, 2, 2])), [0.25, 0.25, 0.25, 0.25], env);
    });

    it('computes the Prod gradient at zeros without dividing by them', async () => {
      const g = (values: number[]) => grad((t) => prod(t))(tensor(values));
      await expectClose(g([2, 3, 4]), [12, 8, 6], env);
      await expectClose(g([2, 0, 4]), [0, 8, 0], env);
      await expectClose(g([0, 3, 0]), [0, 0, 0], env);
      const rows = grad((t) => prod(t, { axis: 0 }).sum())(tensor([[0, 2], [5, 3], [2, 0]]));
      await expectClose(rows, [10, 0, 0, 0, 0, 6], env);
    });

    // ---- finite-difference gradient checks over random shapes ----------------------------------------

    const arbGradCase = (minRank: number) =>
      arbShape(minRank, 3, 3).chain((shape) =>
        fc.record({
          shape: fc.constant(shape),
          seed: fc.nat(1000),
          axes: fc.option(fc.subarray(shape.map((_, i) => i), { minLength: minRank > 0 ? 1 : 0 }), { nil: undefined }),
          keepDims: fc.boolean(),
        }),
      );

    it('Sum and mean gradients match finite differences', async () => {
      await fc.assert(
        fc.asyncProperty(arbGradCase(0), async ({ shape, seed, axes, keepDims }) => {
          const values = distinctValues(sizeOf(shape), seed);
          await checkGradients((t) => sum(t, { axis: axes, keepDims }), [values], [shape]);
          await checkGradients((t) => mean(t, { axis: axes, keepDims }), [values], [shape]);
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('Max and Min gradients match finite differences (distinct values)', async () => {
      await fc.assert(
        fc.asyncProperty(arbGradCase(0), async ({ shape, seed, axes, keepDims }) => {
          const values = distinctValues(sizeOf(shape), seed);
          await checkGradients((t) => max(t, { axis: axes, keepDims }), [values], [shape]);
          await checkGradients((t) => min(t, { axis: axes, keepDims }), [values], [shape]);
        }),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('Prod gradient matches finite differences, zeros included', async () => {
      await fc.assert(
        fc.asyncProperty(
          arbGradCase(0).chain((c) =>
            fc.record({
              c: fc.constant(c),
              values: fc.array(fc.constantFrom(-1.5, -1.25, -0.75, 0, 0.5, 1, 1.25, 2), {
                minLength: sizeOf(c.shape),
                maxLength: sizeOf(c.shape),
              }),
            }),
          ),
          async ({ c: { shape, axes, keepDims }, values }) => {
            // prod is linear in each element, so central differences are exact up to float32 rounding
            await checkGradients((t) => prod(t, { axis: axes, keepDims }), [values], [shape]);
          },
        ),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('leaves no tensors behind after differentiating reductions', () => {
      const before = memory().numTensors;
      const x = tensor([[1, 2], [3, 4]]);
      const g = grad((t) => add(prod(t, { axis: 1 }), max(t, { axis: 0 })).sum())(x);
      expect(g.shape).toEqual([2, 2]);
      dispose([x, g]);
      expect(memory().numTensors).toBe(before);
    });
  });
}
