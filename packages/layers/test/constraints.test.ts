import '@neurite/backend-cpu';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NeuriteError, tensor, tidy } from '@neurite/tensor';
import {
  Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm, constraints, getConstraint, serializeConstraint,
} from '../src/index.js';

const RUNS = 100;
const EPS = 1e-7;

/** A random matrix [rows, cols, values] with float32 values in [-lim, lim]. */
function matrix(lim = 5) {
  return fc
    .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
    .chain(([r, c]) =>
      fc.tuple(
        fc.constant(r),
        fc.constant(c),
        fc.array(fc.double({ min: -lim, max: lim, noNaN: true }).map(Math.fround), { minLength: r * c, maxLength: r * c }),
      ),
    );
}

function run(c: Constraint, shape: number[], values: number[]): number[] {
  return tidy(() => Array.from(c.apply(tensor(values, shape)).dataSync()));
}

/** The L2 norm of each slice of a rows x cols matrix: columns for axis 0, rows for axis 1 (plain JS). */
function sliceNorms(values: number[], rows: number, cols: number, axis: 0 | 1): number[] {
  const count = axis === 0 ? cols : rows;
  return Array.from({ length: count }, (_, k) => {
    let s = 0;
    for (let t = 0; t < (axis === 0 ? rows : cols); t++) s += (axis === 0 ? values[t * cols + k] : values[k * cols + t]) ** 2;
    return Math.sqrt(s);
  });
}

const sliceOf = (i: number, cols: number, axis: 0 | 1) => (axis === 0 ? i % cols : Math.floor(i / cols));

/** Keras's norm-constraint rescaling in plain JS: w * desired(norm) / (eps + norm). */
function rescaleReference(values: number[], rows: number, cols: number, axis: 0 | 1, desired: (n: number) => number): number[] {
  const norms = sliceNorms(values, rows, cols, axis);
  return values.map((v, i) => {
    const n = norms[sliceOf(i, cols, axis)];
    return (v * desired(n)) / (EPS + n);
  });
}

function expectAllClose(actual: number[], expected: number[], rel = 1e-5, abs = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i])).toBeLessThanOrEqual(abs + rel * Math.abs(expected[i])));
}

const axis01 = fc.constantFrom(0 as const, 1 as const);

describe('MaxNorm (fast-check)', () => {
  it(`matches the Keras formula; every slice norm <= maxValue; slices inside are unchanged (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(matrix(), fc.double({ min: 0.1, max: 8, noNaN: true }), axis01, ([r, c, values], maxValue, axis) => {
        const out = run(new MaxNorm({ maxValue, axis }), [r, c], values);
        expectAllClose(out, rescaleReference(values, r, c, axis, (n) => Math.min(n, maxValue)));
        const before = sliceNorms(values, r, c, axis);
        sliceNorms(out, r, c, axis).forEach((n) => expect(n).toBeLessThanOrEqual(maxValue * (1 + 1e-5)));
        out.forEach((v, i) => {
          // Inside the ball the only change is the 1e-7 in the denominator.
          if (before[sliceOf(i, c, axis)] <= maxValue) expect(Math.abs(v - values[i])).toBeLessThanOrEqual(1e-6 * Math.abs(values[i]) + 1e-6);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('defaults to maxValue 2 along axis 0 (each column of a Dense kernel)', () => {
    // columns (3, 4) norm 5 -> (1.2, 1.6); (0.6, 0.8) norm 1 stays
    expectAllClose(run(new MaxNorm(), [2, 2], [3, 0.6, 4, 0.8]), [1.2, 0.6, 1.6, 0.8]);
  });

  it('takes the norm over several axes, as for a conv kernel [kh, kw, in, out] with axis [0, 1, 2]', () => {
    const shape = [2, 2, 3, 2];
    const values = Array.from({ length: 24 }, (_, i) => Math.sin(i + 1) * 3);
    const norms = [0, 1].map((o) => Math.sqrt(values.filter((_, i) => i % 2 === o).reduce((s, v) => s + v * v, 0)));
    const expected = values.map((v, i) => (v * Math.min(norms[i % 2], 1.5)) / (EPS + norms[i % 2]));
    expectAllClose(run(new MaxNorm({ maxValue: 1.5, axis: [0, 1, 2] }), shape, values), expected);
  });
});

describe('UnitNorm (fast-check)', () => {
  it(`gives each slice norm 1 (for slices not near zero) and matches w / (1e-7 + norm) (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(matrix(), axis01, ([r, c, values], axis) => {
        const out = run(new UnitNorm({ axis }), [r, c], values);
        expectAllClose(out, rescaleReference(values, r, c, axis, () => 1));
        const before = sliceNorms(values, r, c, axis);
        sliceNorms(out, r, c, axis).forEach((n, k) => {
          if (before[k] > 1e-2) expect(Math.abs(n - 1)).toBeLessThan(1e-5);
        });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('NonNeg (fast-check)', () => {
  it(`leaves no negatives and keeps the rest exactly (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(matrix(), ([r, c, values]) => {
        const out = run(new NonNeg(), [r, c], values);
        out.forEach((v, i) => {
          expect(v).toBeGreaterThanOrEqual(0);
          // + 0 folds -0 into 0: negatives become -0, as w * 0 does in Keras.
          expect(v + 0).toBe(values[i] >= 0 ? values[i] + 0 : 0);
        });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('MinMaxNorm (fast-check)', () => {
  it(`matches rate * clip(norm, min, max) + (1 - rate) * norm; with rate 1 the norms land in [min, max] (${RUNS} cases)`, () => {
    const bounds = fc.tuple(fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]);
    fc.assert(
      fc.property(matrix(), bounds, fc.double({ min: 0, max: 1, noNaN: true }), axis01, ([r, c, values], [lo, hi], rate, axis) => {
        const out = run(new MinMaxNorm({ minValue: lo, maxValue: hi, rate, axis }), [r, c], values);
        const desired = (n: number) => rate * Math.min(Math.max(n, lo), hi) + (1 - rate) * n;
        expectAllClose(out, rescaleReference(values, r, c, axis, desired), 1e-5, 1e-5);
        const strict = run(new MinMaxNorm({ minValue: lo, maxValue: hi, axis }), [r, c], values);
        const before = sliceNorms(values, r, c, axis);
        sliceNorms(strict, r, c, axis).forEach((n, k) => {
          if (before[k] > 1e-2) {
            expect(n).toBeGreaterThanOrEqual(lo * (1 - 1e-5) - 1e-6);
            expect(n).toBeLessThanOrEqual(hi * (1 + 1e-5) + 1e-6);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('registry, configs and errors', () => {
  it.each([
    [new MaxNorm({ maxValue: 3, axis: 1 }), 'MaxNorm', { maxValue: 3, axis: 1 }],
    [new MaxNorm(), 'MaxNorm', { maxValue: 2, axis: 0 }],
    [new UnitNorm({ axis: [0, 1] }), 'UnitNorm', { axis: [0, 1] }],
    [new NonNeg(), 'NonNeg', {}],
    [new MinMaxNorm(), 'MinMaxNorm', { minValue: 0, maxValue: 1, rate: 1, axis: 0 }],
    [new MinMaxNorm({ minValue: 0.5, maxValue: 2, rate: 0.3, axis: -1 }), 'MinMaxNorm', { minValue: 0.5, maxValue: 2, rate: 0.3, axis: -1 }],
  ] as const)('%o serializes as %s and round-trips', (c, className, config) => {
    const s = serializeConstraint(c);
    expect(s).toEqual({ className, config });
    const back = getConstraint(JSON.parse(JSON.stringify(s)));
    expect(back.constructor).toBe(c.constructor);
    expect(back.getConfig()).toEqual(config);
  });

  it.each([
    ['MaxNorm', MaxNorm], ['max_norm', MaxNorm], ['maxNorm', MaxNorm],
    ['UnitNorm', UnitNorm], ['unit_norm', UnitNorm], ['unitNorm', UnitNorm],
    ['NonNeg', NonNeg], ['non_neg', NonNeg], ['nonNeg', NonNeg],
    ['MinMaxNorm', MinMaxNorm], ['min_max_norm', MinMaxNorm], ['minMaxNorm', MinMaxNorm],
  ] as const)('name %s resolves', (name, cls) => {
    expect(getConstraint(name)).toBeInstanceOf(cls);
  });

  it('the constraints namespace builds each class', () => {
    expect(constraints.maxNorm({ maxValue: 4 }).maxValue).toBe(4);
    expect(constraints.unitNorm({ axis: 1 }).axis).toBe(1);
    expect(constraints.nonNeg()).toBeInstanceOf(NonNeg);
    expect(constraints.minMaxNorm({ rate: 0.5 }).rate).toBe(0.5);
  });

  it.each([
    ['unknown name', () => getConstraint('max'), /getConstraint: unknown constraint "max"; known: .*max_norm/],
    ['negative maxValue', () => new MaxNorm({ maxValue: -1 }), /MaxNorm: maxValue must be a finite number >= 0\. Received: maxValue=-1/],
    ['fractional axis', () => new UnitNorm({ axis: 0.5 }), /UnitNorm: axis must be an integer or a non-empty list of distinct integers\. Received: axis=0\.5/],
    ['repeated axes', () => new UnitNorm({ axis: [0, 0] }), /Received: axis=\[0,0\]/],
    ['rate above 1', () => new MinMaxNorm({ rate: 1.5 }), /MinMaxNorm: rate must be a number in \[0, 1\]\. Received: rate=1\.5/],
    ['max < min', () => new MinMaxNorm({ minValue: 2, maxValue: 1 }), /MinMaxNorm: maxValue must be >= minValue \(2\)\. Received: maxValue=1/],
    ['unknown key (Keras snake_case)', () => new MaxNorm({ max_value: 2 } as never), /MaxNorm: unknown option 'max_value' \(use maxValue: options are camelCase\)/],
    ['axis outside the rank', () => new MaxNorm({ axis: 2 }).apply(tensor([[1, 2]])), /MaxNorm: axis must be in \[-2, 2\) for a weight of shape \[1, 2\]\. Received: axis=2/],
  ])('%s is an error', (_name, make, message) => {
    expect(make).toThrow(NeuriteError);
    expect(make).toThrow(message);
  });
});
