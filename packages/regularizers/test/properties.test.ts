import '@neurite/backend-cpu';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grad, tensor, tidy, type Tensor } from '@neurite/tensor';
import { L1, L1L2, L2, OrthogonalRegularizer, deserialize, serialize, type Regularizer } from '../src/index.js';

// Property tests: every penalty and gradient against a plain-JS reference on random shapes and values.
const RUNS = 100;

/** A random shape of rank 1 to 3 (dimensions 1 to 5) with float32-representable values in [-lim, lim]. */
function weights(lim = 10, awayFromZero = 0) {
  return fc
    .array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 })
    .chain((shape) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const v = fc
        .double({ min: awayFromZero, max: lim, noNaN: true })
        .chain((m) => fc.constantFrom(m, -m))
        .map(Math.fround);
      return fc.tuple(fc.constant(shape), fc.array(v, { minLength: size, maxLength: size }));
    });
}

/** A random matrix: [rows, cols, values]. */
function matrix(minDim = 1, maxDim = 6) {
  return fc
    .tuple(fc.integer({ min: minDim, max: maxDim }), fc.integer({ min: minDim, max: maxDim }))
    .chain(([r, c]) =>
      fc.tuple(
        fc.constant(r),
        fc.constant(c),
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }).map(Math.fround), { minLength: r * c, maxLength: r * c }),
      ),
    );
}

const factor = fc.double({ min: 0, max: 2, noNaN: true });

function penaltyAndGrad(reg: Regularizer, shape: number[], values: number[]): { penalty: number; g: Float32Array } {
  return tidy(() => {
    const x = tensor(values, shape);
    const penalty = reg.apply(x).dataSync()[0];
    const g = grad((t: Tensor) => reg.apply(t))(x).dataSync() as Float32Array;
    return { penalty, g: Float32Array.from(g) };
  });
}

function expectClose(actual: number, expected: number, rel = 1e-5, absTol = 1e-6): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(absTol + rel * Math.abs(expected));
}

describe('L1/L2/L1L2 properties (fast-check, CPU backend)', () => {
  it(`L2 = l2 * Σw² and its gradient is 2 * l2 * w (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(weights(), factor, ([shape, values], l2) => {
        const { penalty, g } = penaltyAndGrad(new L2({ l2 }), shape, values);
        expectClose(penalty, l2 * values.reduce((s, v) => s + v * v, 0));
        values.forEach((v, i) => expectClose(g[i], 2 * l2 * v));
      }),
      { numRuns: RUNS },
    );
  });

  it(`L1 = l1 * Σ|w| and its gradient is l1 * sign(w), values away from 0 (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(weights(10, 0.01), factor, ([shape, values], l1) => {
        const { penalty, g } = penaltyAndGrad(new L1({ l1 }), shape, values);
        expectClose(penalty, l1 * values.reduce((s, v) => s + Math.abs(v), 0));
        values.forEach((v, i) => expectClose(g[i], l1 * Math.sign(v)));
      }),
      { numRuns: RUNS },
    );
  });

  it(`L1L2 = L1 + L2, and its gradient is the sum (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(weights(10, 0.01), factor, factor, ([shape, values], l1, l2) => {
        const both = penaltyAndGrad(new L1L2({ l1, l2 }), shape, values);
        const a = penaltyAndGrad(new L1({ l1 }), shape, values);
        const b = penaltyAndGrad(new L2({ l2 }), shape, values);
        expectClose(both.penalty, a.penalty + b.penalty);
        values.forEach((v, i) => {
          expectClose(both.g[i], a.g[i] + b.g[i]);
          expectClose(both.g[i], l1 * Math.sign(v) + 2 * l2 * v);
        });
      }),
      { numRuns: RUNS },
    );
  });
});

/** Keras's OrthogonalRegularizer in plain JS (float64). */
function orthogonalReference(rows: number, cols: number, values: number[], factorValue: number, mode: 'rows' | 'columns'): number {
  const at = (i: number, j: number) => values[i * cols + j];
  const n = mode === 'rows' ? rows : cols;
  const len = mode === 'rows' ? cols : rows;
  const vec = (k: number) => Array.from({ length: len }, (_, t) => (mode === 'rows' ? at(k, t) : at(t, k)));
  const unit = Array.from({ length: n }, (_, k) => {
    const v = vec(k);
    const norm = Math.sqrt(Math.max(v.reduce((s, x) => s + x * x, 0), 1e-12));
    return v.map((x) => x / norm);
  });
  if (n < 2) return 0;
  let total = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) total += Math.abs(unit[i].reduce((s, x, t) => s + x * unit[j][t], 0));
  return (factorValue * 0.5 * total) / ((n * (n - 1)) / 2);
}

/** Rows of a random matrix made orthonormal with Gram-Schmidt in plain JS (rows <= cols). */
function orthonormalRows(rows: number, cols: number, values: number[]): number[] | null {
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const v = values.slice(i * cols, (i + 1) * cols);
    for (const u of out) {
      const d = v.reduce((s, x, t) => s + x * u[t], 0);
      for (let t = 0; t < cols; t++) v[t] -= d * u[t];
    }
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    if (norm < 1e-2) return null; // nearly dependent draw: skip
    out.push(v.map((x) => x / norm));
  }
  return out.flat();
}

const value = (reg: Regularizer, shape: number[], values: number[]) => tidy(() => reg.apply(tensor(values, shape)).dataSync()[0]);

describe('OrthogonalRegularizer properties (fast-check, CPU backend)', () => {
  it(`matches a plain-JS reference in both modes (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(matrix(), factor, fc.constantFrom('rows' as const, 'columns' as const), ([r, c, values], f, mode) => {
        const got = value(new OrthogonalRegularizer({ factor: f, mode }), [r, c], values);
        expectClose(got, orthogonalReference(r, c, values, f, mode), 1e-4, 1e-6);
      }),
      { numRuns: RUNS },
    );
  });

  it(`is 0 for matrices with orthonormal rows (Gram-Schmidt of a random draw) and for permutations (${RUNS} cases)`, () => {
    const permutation = fc
      .integer({ min: 1, max: 6 })
      .chain((n) => fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }));
    fc.assert(
      fc.property(matrix(2, 6), permutation, ([r, c, values], perm) => {
        const [rows, cols] = [Math.min(r, c), Math.max(r, c)];
        const q = orthonormalRows(rows, cols, values.slice(0, rows * cols));
        if (q) expect(value(new OrthogonalRegularizer({ factor: 1 }), [rows, cols], q)).toBeLessThan(1e-5);
        const n = perm.length;
        const p = new Array(n * n).fill(0);
        perm.forEach((j, i) => (p[i * n + j] = 1));
        expect(value(new OrthogonalRegularizer({ factor: 1 }), [n, n], p)).toBe(0);
        expect(value(new OrthogonalRegularizer({ factor: 1, mode: 'columns' }), [n, n], p)).toBe(0);
      }),
      { numRuns: RUNS },
    );
  });

  it(`is positive when two rows are not orthogonal (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(matrix(2, 6), factor.filter((f) => f > 1e-3), ([r, c, values], f) => {
        const reference = orthogonalReference(r, c, values, f, 'rows');
        fc.pre(reference > 1e-4 * f);
        expect(value(new OrthogonalRegularizer({ factor: f }), [r, c], values)).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  it(`is invariant to scaling rows by non-zero factors in rows mode (${RUNS} cases)`, () => {
    const scales = fc.array(
      fc.double({ min: 0.1, max: 10, noNaN: true }).chain((s) => fc.constantFrom(s, -s)),
      { minLength: 6, maxLength: 6 },
    );
    fc.assert(
      fc.property(matrix(2, 6), scales, ([r, c, values], s) => {
        // Rows far from zero, so the 1e-12 floor never applies.
        fc.pre([...Array(r).keys()].every((i) => values.slice(i * c, (i + 1) * c).some((v) => Math.abs(v) > 0.1)));
        const scaled = values.map((v, k) => Math.fround(v * s[Math.floor(k / c)]));
        const reg = new OrthogonalRegularizer({ factor: 1 });
        expectClose(value(reg, [r, c], scaled), value(reg, [r, c], values), 1e-4, 1e-5);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('serialization round trip (fast-check)', () => {
  const cases: [string, fc.Arbitrary<Regularizer>][] = [
    ['L1', factor.map((l1) => new L1({ l1 }))],
    ['L2', factor.map((l2) => new L2({ l2 }))],
    ['L1L2', fc.tuple(factor, factor).map(([l1, l2]) => new L1L2({ l1, l2 }))],
    [
      'OrthogonalRegularizer',
      fc.tuple(factor, fc.constantFrom('rows' as const, 'columns' as const)).map(([f, mode]) => new OrthogonalRegularizer({ factor: f, mode })),
    ],
  ];
  it.each(cases)(`%s: deserialize(serialize(r)) equals r, through JSON too (${RUNS} cases)`, (name, arb) => {
    fc.assert(
      fc.property(arb, (reg) => {
        const s = serialize(reg);
        expect(s.className).toBe(name);
        const back = deserialize(JSON.parse(JSON.stringify(s)));
        expect(back.constructor).toBe(reg.constructor);
        expect(back.getConfig()).toEqual(reg.getConfig());
        const keras = deserialize({ class_name: s.className, config: s.config });
        expect(keras.getConfig()).toEqual(reg.getConfig());
      }),
      { numRuns: RUNS },
    );
  });
});
